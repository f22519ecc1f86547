# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A deliberately naive reference computation of every KPI: records read
with the ORM and looped over in Python, one KPI at a time, written from the
KPI definitions and not from the SQL. The tests check that the SQL engine
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
    if "service.survey.score" not in env:
        return []
    return (
        env["service.survey.score"]
        .sudo()
        .search([("company_id", "in", env.companies.ids)])
        .filtered(lambda s: s.measure == measure)
    )


def reference(env, code, date_from, date_to):
    """The figure of KPI computation ``code`` over the range, no cut."""
    start, stop = _bounds(env, date_from, date_to)
    now = fields.Datetime.now()

    def inside(moment):
        return bool(moment) and start <= moment < stop

    complaints = _complaints(env)
    received = complaints.filtered(lambda c: inside(c.date_received))
    if code == "complaint_count":
        return float(len(received)) if received else None
    if code in ("frt_median", "frt_p90"):
        hours = [
            c.response_working_hours
            for c in complaints
            if inside(c.date_first_response)
        ]
        return _percentile(hours, 0.5 if code == "frt_median" else 0.9)
    if code in ("resolution_median", "resolution_p90"):
        hours = [
            c.resolution_working_hours for c in complaints if inside(c.date_resolved)
        ]
        return _percentile(hours, 0.5 if code == "resolution_median" else 0.9)
    if code == "sla_response":
        decided = [
            c
            for c in received
            if c.response_deadline
            and (c.date_first_response or c.response_deadline < now)
        ]
        return _share(
            c.date_first_response and c.date_first_response <= c.response_deadline
            for c in decided
        )
    if code == "sla_resolution":
        decided = [
            c
            for c in received
            if c.resolution_deadline
            and (c.date_resolved or c.resolution_deadline < now)
        ]
        return _share(
            c.date_resolved and c.date_resolved <= c.resolution_deadline
            for c in decided
        )
    if code == "backlog":
        return float(
            sum(
                1
                for c in complaints
                if c.date_received < stop and not (c.date_closed and c.date_closed < stop)
            )
        )
    if code == "breached_open":
        return float(
            sum(
                1
                for c in complaints
                if c.breach_date
                and c.breach_date < min(now, stop)
                and (not c.date_closed or c.breach_date < c.date_closed)
                and not (c.date_closed and c.date_closed < stop)
            )
        )
    if code == "reopen_rate":
        return _share(c.reopen_count > 0 for c in complaints if inside(c.date_resolved))
    if code == "escalation_rate":
        return _share(c.escalation_level > 0 for c in received)
    if code == "complaint_rate_customers":
        active = (
            env["res.partner"]
            .sudo()
            .search(
                [
                    ("service_tier_id.count_as_active", "=", True),
                    ("company_id", "in", [False] + env.companies.ids),
                ]
            )
            .filtered(lambda p: p.commercial_partner_id == p)
        )
        if not received or not active:
            return None
        return len(received) * 100.0 / len(active)
    if code == "complaint_rate_orders":
        return None  # Sales is not a dependency
    if code in ("csat", "satisfaction_mean", "nps", "fcr"):
        measure = {"csat": "satisfaction", "satisfaction_mean": "satisfaction"}.get(
            code, code
        )
        scores = [s for s in _scores(env, measure) if inside(s.date)]
        if code == "csat":
            return _share(s.is_satisfied for s in scores)
        if code == "satisfaction_mean":
            return _mean(s.value for s in scores)
        if code == "fcr":
            return _share(s.value >= 50 for s in scores)
        if not scores:
            return None
        promoters = sum(1 for s in scores if s.nps_category == "promoter")
        detractors = sum(1 for s in scores if s.nps_category == "detractor")
        return (promoters - detractors) * 100.0 / len(scores)
    if code == "csi":
        scores = [
            s
            for s in _scores(env, "dimension")
            if inside(s.date) and s.service_kind != "expectation"
        ]
        weights = [s.dimension_id.weight or 1.0 for s in scores]
        if not scores:
            return None
        return sum(s.value * w for s, w in zip(scores, weights, strict=True)) / sum(
            weights
        )
    sources = {
        "servqual_gap": "service.expectation.gap",
        "promise_kept": "service.promise",
        "response_rate": "survey.user_input",
    }
    if code in sources and (
        sources[code] not in env
        or (code == "response_rate" and "service_kind" not in env[sources[code]])
    ):
        return None  # the engine has no such source either
    if code == "servqual_gap":
        gaps = (
            env["service.expectation.gap"]
            .sudo()
            .search([("company_id", "in", env.companies.ids)])
        )
        return _mean(g.gap for g in gaps if g.has_perception and inside(g.date))
    if code == "promise_kept":
        promises = (
            env["service.promise"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "in", env.companies.ids)])
        )
        return _share(
            p.state == "kept"
            for p in promises
            if p.state in ("kept", "broken")
            and p.date_done
            and date_from <= p.date_done <= date_to
        )
    if code == "response_rate":
        inputs = (
            env["survey.user_input"]
            .sudo()
            .search([("service_company_id", "in", env.companies.ids)])
        )
        return _share(
            i.state == "done"
            for i in inputs
            if i.service_kind and inside(i.service_date_sent)
        )
    raise KeyError(code)
