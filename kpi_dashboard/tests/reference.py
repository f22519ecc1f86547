# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A deliberately naive reference computation of every KPI: records read
with the ORM and looped over in Python, one KPI at a time, written from the
KPI definitions (complaint figures: those of the complaints received in the
period) and not from the SQL. The tests check that the SQL engine
gives the same figures; the benchmark uses it as the per-record baseline."""

from datetime import datetime, time, timedelta

import pytz

from odoo import fields


def _bounds(env, date_from, date_to):
    """Naive UTC datetimes of the local midnights starting and ending the
    range, in the user's time zone."""
    tz = pytz.timezone(env.context.get("tz") or env.user.tz or "UTC")

    def utc(day):
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return utc(date_from), utc(date_to + timedelta(days=1))


def _share(values):
    values = list(values)
    if not values:
        return None
    return sum(1 for value in values if value) * 100.0 / len(values)


def _mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def _percentile(values, fraction):
    """PostgreSQL's percentile_cont: linear interpolation between ranks."""
    values = sorted(values)
    if not values:
        return None
    position = fraction * (len(values) - 1)
    lower = int(position)
    upper = min(lower + 1, len(values) - 1)
    return values[lower] + (values[upper] - values[lower]) * (position - lower)


def _complaints(env):
    return (
        env["service.complaint"]
        .sudo()
        .with_context(active_test=False)
        .search([("company_id", "in", env.companies.ids)])
        .filtered(lambda c: c.stage_id.kind != "cancelled")
    )


def _scores(env, measure):
    return (
        env["service.survey.score"]
        .sudo()
        .search([("company_id", "in", env.companies.ids)])
        .filtered(lambda s: s.measure == measure)
    )


class _Range:
    """The period of a reference computation and the data read for it."""

    def __init__(self, env, date_from, date_to):
        self.env = env
        self.date_from, self.date_to = date_from, date_to
        self.start, self.stop = _bounds(env, date_from, date_to)
        self.now = fields.Datetime.now()
        self.complaints = _complaints(env)
        self.received = self.complaints.filtered(lambda c: self.inside(c.date_received))

    def inside(self, moment):
        return bool(moment) and self.start <= moment < self.stop


def _count(r):
    return float(len(r.received)) if r.received else None


def _response_time(fraction):
    def compute(r):
        hours = [c.response_working_hours for c in r.received if c.date_first_response]
        return _percentile(hours, fraction)

    return compute


def _resolution_time(fraction):
    def compute(r):
        hours = [c.resolution_working_hours for c in r.received if c.date_resolved]
        return _percentile(hours, fraction)

    return compute


def _sla(done_field, deadline_field):
    def compute(r):
        decided = [
            c
            for c in r.received
            if c[deadline_field] and (c[done_field] or c[deadline_field] < r.now)
        ]
        return _share(
            c[done_field] and c[done_field] <= c[deadline_field] for c in decided
        )

    return compute


def _backlog(r):
    return float(
        sum(
            1
            for c in r.complaints
            if c.date_received < r.stop
            and not (c.date_closed and c.date_closed < r.stop)
        )
    )


def _breached_open(r):
    return float(
        sum(
            1
            for c in r.complaints
            if c.breach_date
            and c.breach_date < min(r.now, r.stop)
            and (not c.date_closed or c.breach_date < c.date_closed)
            and not (c.date_closed and c.date_closed < r.stop)
        )
    )


def _reopen_rate(r):
    return _share(c.reopen_count > 0 for c in r.received)


def _escalation_rate(r):
    return _share(c.escalation_level > 0 for c in r.received)


def _rate_customers(r):
    active = (
        r.env["res.partner"]
        .sudo()
        .search(
            [
                ("service_tier_id.count_as_active", "=", True),
                ("company_id", "in", [False] + r.env.companies.ids),
            ]
        )
        .filtered(lambda p: p.commercial_partner_id == p)
    )
    if not r.received or not active:
        return None
    return len(r.received) * 100.0 / len(active)


def _rate_orders(r):
    if "sale.order" not in r.env:
        return None  # Sales is not a dependency: without it, no figure
    orders = (
        r.env["sale.order"]
        .sudo()
        .search([("state", "=", "sale"), ("company_id", "in", r.env.companies.ids)])
        .filtered(lambda o: r.inside(o.date_order))
    )
    if not r.received or not orders:
        return None
    return len(r.received) * 1000.0 / len(orders)


def _dated_scores(r, measure):
    return [s for s in _scores(r.env, measure) if r.inside(s.date)]


def _csat(r):
    return _share(s.is_satisfied for s in _dated_scores(r, "satisfaction"))


def _satisfaction_mean(r):
    return _mean(s.value for s in _dated_scores(r, "satisfaction"))


def _fcr(r):
    return _share(s.value >= 50 for s in _dated_scores(r, "fcr"))


def _nps(r):
    scores = _dated_scores(r, "nps")
    if not scores:
        return None
    promoters = sum(1 for s in scores if s.nps_category == "promoter")
    detractors = sum(1 for s in scores if s.nps_category == "detractor")
    return (promoters - detractors) * 100.0 / len(scores)


def _csi(r):
    scores = [
        s for s in _dated_scores(r, "dimension") if s.service_kind != "expectation"
    ]
    if not scores:
        return None
    weights = [s.dimension_id.weight or 1.0 for s in scores]
    total = sum(s.value * w for s, w in zip(scores, weights, strict=True))
    return total / sum(weights)


def _servqual_gap(r):
    gaps = (
        r.env["service.expectation.gap"]
        .sudo()
        .search([("company_id", "in", r.env.companies.ids)])
    )
    return _mean(g.gap for g in gaps if g.has_perception and r.inside(g.date))


def _promise_kept(r):
    promises = (
        r.env["service.promise"]
        .sudo()
        .with_context(active_test=False)
        .search([("company_id", "in", r.env.companies.ids)])
    )
    return _share(
        p.state == "kept"
        for p in promises
        if p.state in ("kept", "broken")
        and p.date_done
        and r.date_from <= p.date_done <= r.date_to
    )


def _response_rate(r):
    # The invitations sent in the period, answered whenever.
    inputs = (
        r.env["survey.user_input"]
        .sudo()
        .search([("service_company_id", "in", r.env.companies.ids)])
    )
    return _share(
        i.state == "done"
        for i in inputs
        if i.service_kind and r.inside(i.service_date_sent)
    )


REFERENCES = {
    "complaint_count": _count,
    "frt_median": _response_time(0.5),
    "frt_p90": _response_time(0.9),
    "resolution_median": _resolution_time(0.5),
    "resolution_p90": _resolution_time(0.9),
    "sla_response": _sla("date_first_response", "response_deadline"),
    "sla_resolution": _sla("date_resolved", "resolution_deadline"),
    "backlog": _backlog,
    "breached_open": _breached_open,
    "reopen_rate": _reopen_rate,
    "escalation_rate": _escalation_rate,
    "complaint_rate_customers": _rate_customers,
    "complaint_rate_orders": _rate_orders,
    "csat": _csat,
    "satisfaction_mean": _satisfaction_mean,
    "nps": _nps,
    "fcr": _fcr,
    "csi": _csi,
    "servqual_gap": _servqual_gap,
    "promise_kept": _promise_kept,
    "response_rate": _response_rate,
}


def reference(env, code, date_from, date_to):
    """The figure of KPI computation ``code`` over the range, no cut."""
    return REFERENCES[code](_Range(env, date_from, date_to))
