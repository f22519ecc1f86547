# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, date_utils

from odoo.addons.service_quality.models.service_complaint_stage import RESOLVED_KINDS

from ..lib import ipa
from .service_kpi_engine import (
    COMPUTATIONS,
    CUT_MODELS,
    CUTS,
    GRANULARITIES,
    collection_paused,
)

# Figures whose interval says how much to trust them; counts and stocks are
# exact.
STATISTICAL = ("proportion", "mean", "weighted_mean", "nps", "median", "p90")
DASHBOARD_PERIODS = ("this_month", "last_month", "this_quarter", "this_year", "last_12")


class ServiceKpi(models.Model):
    _name = "service.kpi"
    _description = "Service Quality KPI"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(
        [
            ("satisfaction", "Satisfaction"),
            ("efficiency", "Efficiency"),
            ("quality", "Quality"),
            ("complaints", "Complaints"),
            ("promises", "Promises"),
            ("surveys", "Surveys"),
        ],
        required=True,
    )
    computation = fields.Char(
        required=True,
        help="Technical key of the grouped query that computes the figure.",
    )
    description = fields.Text(
        string="Formula", translate=True, help="How the figure is computed."
    )
    unit = fields.Selection(
        [
            ("percent", "%"),
            ("hours", "Working hours"),
            ("count", "Cases"),
            ("score", "Score (0-100)"),
            ("points", "Points"),
            ("per_100", "Per 100 customers"),
            ("per_1000", "Per 1000 orders"),
        ],
        required=True,
    )
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    target = fields.Float(tracking=True, digits=(16, 2), aggregator=False)
    warning_level = fields.Float(
        tracking=True,
        digits=(16, 2),
        aggregator=False,
        help="Between the target and this level the figure shows as a warning "
        "(amber); beyond it as bad (red).",
    )
    min_sample = fields.Integer(
        string="Minimum Sample",
        aggregator=False,
        default=30,
        help="Below this number of answers or cases a figure is flagged as not "
        "significant and shown with its confidence interval.",
    )
    user_id = fields.Many2one(
        "res.users", string="Owner", default=lambda self: self.env.user, tracking=True
    )
    show_on_dashboard = fields.Boolean(default=True)
    benchmark_ids = fields.One2many("service.kpi.benchmark", "kpi_id")
    benchmark_value = fields.Float(
        compute="_compute_benchmark",
        string="Competitor",
        digits=(16, 2),
        help="The latest competitor benchmark.",
    )
    benchmark_label = fields.Char(
        compute="_compute_benchmark", string="Latest Benchmark"
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A KPI with this code already exists."),
    ]

    @api.depends("benchmark_ids.value", "benchmark_ids.date")
    def _compute_benchmark(self):
        for kpi in self:
            latest = kpi.benchmark_ids.sorted(lambda b: (b.date, b.id))[-1:]
            kpi.benchmark_value = latest.value
            kpi.benchmark_label = (
                f"{latest.competitor}: {latest.value:g}" if latest else False
            )

    @api.constrains("target", "warning_level", "direction")
    def _check_levels(self):
        for kpi in self:
            if kpi.direction == "higher" and kpi.warning_level > kpi.target:
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s: when higher is better, the warning level must "
                        "not be above the target.",
                        kpi=kpi.display_name,
                    )
                )
            if kpi.direction == "lower" and kpi.warning_level < kpi.target:
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s: when lower is better, the warning level must "
                        "not be below the target.",
                        kpi=kpi.display_name,
                    )
                )

    @api.constrains("computation")
    def _check_computation(self):
        for kpi in self:
            if kpi.computation not in COMPUTATIONS:
                raise ValidationError(
                    self.env._(
                        "Unknown KPI computation %(code)s; known ones: %(known)s.",
                        code=kpi.computation,
                        known=", ".join(sorted(COMPUTATIONS)),
                    )
                )

    @api.constrains("min_sample")
    def _check_min_sample(self):
        if any(kpi.min_sample < 1 for kpi in self):
            raise ValidationError(self.env._("The minimum sample must be at least 1."))

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _status(self, value):
        """good / warning / bad against target and warning level, or False."""
        return self._judge()[0](value)

    def _is_significant(self, n):
        return self._judge()[1](n)

    def _judge(self):
        """(status of a value, significance of a sample size) of this KPI, as
        two plain functions: the fields are read once for the thousands of
        figures of a trend."""
        self.ensure_one()
        target, warning = self.target, self.warning_level
        higher = self.direction == "higher"
        statistical = COMPUTATIONS[self.computation].stat in STATISTICAL
        min_sample = self.min_sample

        def status(value):
            if value is None:
                return False
            if higher:
                if value >= target:
                    return "good"
                return "warning" if value >= warning else "bad"
            if value <= target:
                return "good"
            return "warning" if value <= warning else "bad"

        def significant(n):
            return not statistical or n >= min_sample

        return status, significant

    def _figures(
        self,
        date_from,
        date_to,
        granularity=None,
        cuts=(),
        filters=None,
        snapshots=False,
    ):
        """{kpi: [figure]} where a figure is a dict with period, keys (cut ->
        id), value, n, ci_low, ci_high, significant and status.

        With ``snapshots``, the whole months already closed come from their
        monthly snapshots, as they were when the month was closed (trends
        survive later edits and re-organisations), where the snapshots hold
        the figures asked for; the other months are computed. The months are
        then the company's (see _months_tz) whoever reads them, so that a
        closed month is the same for everyone."""
        engine = self.env["service.kpi.engine"]
        engine._check_kpi_access(filters)
        if granularity and granularity not in GRANULARITIES:
            raise ValidationError(self.env._("Unknown period: %s", granularity))
        unknown = set(cuts) - set(CUTS)
        if unknown:
            raise ValidationError(
                self.env._("Unknown cut: %s", ", ".join(sorted(unknown)))
            )
        if date_to < date_from:
            raise ValidationError(
                self.env._("The end of the period is before its start.")
            )
        if snapshots:
            tz = self._months_tz(filters)
            if tz and tz != self.env["service.kpi.engine"]._tz():
                return self.with_context(tz=tz)._figures(
                    date_from, date_to, granularity, cuts, filters, snapshots
                )
        frozen, ranges = {}, [(date_from, date_to)]
        if snapshots:
            frozen, ranges = self._closed_snapshot_figures(
                date_from, date_to, granularity, cuts, filters
            )
        computations = set(self.mapped("computation"))
        computed = {code: [] for code in computations}
        for start, end in ranges:
            rows = engine.compute(
                computations,
                start,
                end,
                granularity=granularity,
                cuts=cuts,
                filters=filters,
            )
            for code, figures in rows.items():
                computed[code] += figures
        result = {}
        with collection_paused():
            for kpi in self:
                status, significant = kpi._judge()
                figures = list(frozen.get(kpi, []))
                for figure in computed[kpi.computation]:
                    figure = dict(figure)
                    figure["significant"] = significant(figure["n"])
                    figure["status"] = status(figure["value"])
                    figures.append(figure)
                result[kpi] = figures
        return result

    def _closed_snapshot_figures(self, date_from, date_to, granularity, cuts, filters):
        """({kpi: [figure]} of the closed months' snapshots, [(start, end)]
        of the ranges still to compute). Snapshots hold whole months of one
        company, by team, tier, both or neither: other requests are computed."""
        everything = ({}, [(date_from, date_to)])
        if granularity not in ("month", None):
            return everything
        if self.env.context.get("kpi_sources"):
            # A snapshot holds the figures of every source together.
            return everything
        filters = {cut: ids for cut, ids in (filters or {}).items() if ids}
        scope, companies = self._snapshot_scope(cuts, filters)
        if not scope:
            return everything
        # Snapshot months are each company's (its time zone): _figures reads
        # them in that zone; companies of different zones in one request are
        # computed in the reader's.
        Snapshot = self.env["service.kpi.snapshot"]
        user_tz = self.env["service.kpi.engine"]._tz()
        for company in self.env["res.company"].browse(companies):
            if Snapshot._company_tz(company) != user_tz:
                return everything
        engine = self.env["service.kpi.engine"]
        months = engine._periods(date_from, date_to, "month")
        if not granularity and len(months) != 1:
            return everything
        whole = [
            month
            for month in months
            if month >= date_from
            and month + relativedelta(months=1) - timedelta(days=1) <= date_to
        ]
        Snapshot.check_access("read")
        self.env.flush_all()
        closed = set()
        if whole:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT month FROM service_kpi_snapshot
                     WHERE state = 'closed' AND month = ANY(%s)
                       AND company_id = ANY(%s)
                     GROUP BY month HAVING COUNT(DISTINCT company_id) = %s
                    """,
                    whole,
                    companies,
                    len(companies),
                )
            )
            closed = {row[0] for row in self.env.cr.fetchall()}
        if not closed:
            return everything
        where = [
            SQL("s.state = 'closed'"),
            SQL("s.scope = %s", scope),
            SQL("s.month = ANY(%s)", sorted(closed)),
            SQL("s.company_id = ANY(%s)", companies),
            SQL("s.kpi_id = ANY(%s)", self.ids),
        ]
        for cut, column in (("team", "s.team_id"), ("tier", "s.tier_id")):
            if filters.get(cut):
                where.append(SQL("%s = ANY(%s)", SQL(column), filters[cut]))
        if not engine._is_kpi_manager():
            # As the record rules: an agent reads their own teams' rows only.
            where.append(SQL("s.team_id = ANY(%s)", engine._own_team_ids()))
        self.env.cr.execute(
            SQL(
                """
                SELECT s.kpi_id, s.month, s.company_id, s.team_id, s.tier_id,
                       s.value::float8, s.sample_size, s.ci_low::float8,
                       s.ci_high::float8,
                       s.significant, s.status
                  FROM service_kpi_snapshot s
                 WHERE %s
                """,
                SQL(" AND ").join(where),
            )
        )
        kpis = {kpi.id: kpi for kpi in self}
        frozen = {}
        for row in self.env.cr.fetchall():
            kpi_id, month, company, team, tier, value, n, low, high = row[:9]
            keys = {"company": company, "team": team, "tier": tier}
            no_interval = not low and not high  # stored as 0 when there is none
            frozen.setdefault(kpis[kpi_id], []).append(
                {
                    "period": month if granularity else None,
                    "keys": {cut: keys.get(cut) for cut in cuts},
                    "value": value,
                    "n": n,
                    "ci_low": None if no_interval else low,
                    "ci_high": None if no_interval else high,
                    "significant": row[9],
                    "status": row[10] or None,
                }
            )
        ranges = self._ranges_to_compute(months, closed, date_from, date_to)
        return frozen, ranges

    @api.model
    def _months_tz(self, filters=None):
        """The time zone of the months of the figures served from snapshots:
        that of the companies' address (the one their snapshots are computed
        in, see service.kpi.snapshot._company_tz), when the companies asked
        for share one; else None (the reader's zone)."""
        companies = self.env.companies
        wanted = (filters or {}).get("company")
        if wanted:
            companies = companies.filtered(lambda company: company.id in wanted)
        Snapshot = self.env["service.kpi.snapshot"]
        zones = {Snapshot._company_tz(company) for company in companies}
        return zones.pop() if len(zones) == 1 else None

    @api.model
    def _months_note(self):
        """Whose months the figures are, for the dashboard and the workbook."""
        tz = self._months_tz()
        if tz:
            return self.env._(
                "Months of the company's time zone (%(tz)s) for every reader; "
                "closed months are their snapshots.",
                tz=tz,
            )
        return self.env._(
            "The companies are in different time zones: months are those of "
            "your time zone (%(tz)s), computed.",
            tz=self.env["service.kpi.engine"]._tz(),
        )

    @api.model
    def _snapshot_scope(self, cuts, filters):
        """(snapshot scope, company ids) holding the figures of ``cuts`` and
        ``filters``, or (None, None)."""
        companies = self.env.companies.ids
        if filters.get("company"):
            companies = [c for c in companies if c in filters["company"]]
        if len(companies) != 1 and "company" not in cuts:
            return None, None  # figures of several companies do not add up
        scope_cuts = set(cuts) - {"company"}
        for cut, ids in filters.items():
            if cut != "company" and cut not in cuts:
                if len(ids) != 1:
                    return None, None
                scope_cuts.add(cut)
        scope = {
            (): "company",
            ("team",): "team",
            ("tier",): "tier",
            ("team", "tier"): "team_tier",
        }.get(tuple(sorted(scope_cuts)))
        return scope, companies

    @api.model
    def _ranges_to_compute(self, months, closed, date_from, date_to):
        """[(start, end)] of the runs of consecutive months not ``closed``."""
        ranges, run = [], None
        for month in months:
            if month in closed:
                run = None
                continue
            start = max(month, date_from)
            end = min(month + relativedelta(months=1) - timedelta(days=1), date_to)
            if run:
                run[1] = end
            else:
                run = [start, end]
                ranges.append(run)
        return [tuple(run) for run in ranges]

    def _totals(self, date_from, date_to, filters=None, snapshots=False):
        """{kpi: figure or None} for the whole range, no cut."""
        figures = self._figures(
            date_from, date_to, filters=filters, snapshots=snapshots
        )
        return {kpi: (rows[0] if rows else None) for kpi, rows in figures.items()}

    # ------------------------------------------------------------------
    # Dashboard (OWL client action kpi_dashboard.dashboard)
    # ------------------------------------------------------------------
    @api.model
    def _dashboard_range(self, period, today):
        """(start, end, previous start, previous end) of a dashboard period."""
        if period == "last_month":
            start = today.replace(day=1) - relativedelta(months=1)
            end = today.replace(day=1) - timedelta(days=1)
            return (
                start,
                end,
                start - relativedelta(months=1),
                start - timedelta(days=1),
            )
        if period == "this_quarter":
            start = date_utils.start_of(today, "quarter")
            previous = start - relativedelta(months=3)
            return start, today, previous, start - timedelta(days=1)
        if period == "this_year":
            start = today.replace(month=1, day=1)
            previous = start - relativedelta(years=1)
            return start, today, previous, previous + (today - start)
        if period == "last_12":
            start = today.replace(day=1) - relativedelta(months=11)
            previous = start - relativedelta(months=12)
            return start, today, previous, start - timedelta(days=1)
        start = today.replace(day=1)
        previous = start - relativedelta(months=1)
        return start, today, previous, previous + (today - start)

    @api.model
    @api.readonly
    def get_dashboard_data(self, period="last_month", team_ids=None):
        """Everything the manager dashboard shows, in one call. It opens on
        the last complete month, as the export does: a month under way
        compares a few days with a whole month.

        Read-only (``@api.readonly``): with ``db_replica_host`` set, Odoo runs
        it on the replica; ``as_of`` then tells how fresh the replica is."""
        if not self.env.user.has_group("service_quality.group_service_manager"):
            raise AccessError(
                self.env._("Only service managers can see the KPI dashboard.")
            )
        if period not in DASHBOARD_PERIODS:
            raise ValidationError(self.env._("Unknown period: %s", period))
        # The company's months for every reader (see _figures).
        tz = self._months_tz() or self.env["service.kpi.engine"]._tz()
        if tz != self.env["service.kpi.engine"]._tz():
            return self.with_context(tz=tz).get_dashboard_data(period, team_ids)
        today = fields.Date.context_today(self)
        start, end, prev_start, prev_end = self._dashboard_range(period, today)
        filters = {"team": team_ids} if team_ids else None
        kpis = self.search([("show_on_dashboard", "=", True)])
        if "sale.order" not in self.env:  # no Sales: no rate per order to show
            kpis = kpis.filtered(lambda k: k.computation != "complaint_rate_orders")
        # Closed months as they were closed: see _figures.
        current = kpis._totals(start, end, filters, snapshots=True)
        previous = kpis._totals(prev_start, prev_end, filters, snapshots=True)
        trend_start = today.replace(day=1) - relativedelta(months=11)
        trend = kpis._figures(
            trend_start, today, "month", filters=filters, snapshots=True
        )
        months = self.env["service.kpi.engine"]._periods(trend_start, today, "month")
        tiles = []
        for kpi in kpis:
            figure = current[kpi] or {}
            before = previous[kpi] or {}
            by_month = {f["period"]: f["value"] for f in trend[kpi]}
            tiles.append(
                {
                    "id": kpi.id,
                    "code": kpi.code,
                    "name": kpi.name,
                    "category": kpi.category,
                    "unit": dict(kpi._fields["unit"]._description_selection(self.env))[
                        kpi.unit
                    ],
                    "unit_key": kpi.unit,
                    "direction": kpi.direction,
                    "target": kpi.target,
                    "value": figure.get("value"),
                    "n": figure.get("n", 0),
                    "ci_low": figure.get("ci_low"),
                    "ci_high": figure.get("ci_high"),
                    "significant": figure.get("significant", True),
                    "status": figure.get("status") or "none",
                    "previous": before.get("value"),
                    "trend": kpi._trend(figure.get("value"), before.get("value")),
                    "benchmark": kpi.benchmark_label or "",
                    "series": [by_month.get(month) for month in months],
                }
            )
        return {
            "period": {"start": str(start), "end": str(end), "tz": tz},
            "as_of": self._as_of(),
            "months": [month.strftime("%Y-%m") for month in months],
            "months_note": self._months_note(),
            "tiles": tiles,
            "causes": {
                "category": self._pareto("category", start, end, filters),
                "root_cause": self._pareto("root_cause", start, end, filters),
                "root_cause_missing": self._root_cause_missing(start, end, filters),
            },
            "league": {
                "team": self._league("team", start, end, filters),
                "agent": self._league("agent", start, end, filters),
            },
            "servqual": self._servqual(start, end, filters),
            "ipa": self._ipa(start, end, filters),
            "extra_tables": self._dashboard_extra_tables(start, end, filters),
            "teams": [
                {"id": team.id, "name": team.display_name}
                for team in self.env["service.team"].search([])
            ],
        }

    @api.model
    def _dashboard_extra_tables(self, start, end, filters):
        """Hook: bridges add tables to the dashboard, each
        {"key", "title", "columns": [{"label", "unit"}], "rows": [{"id",
        "name", "values"}], "note"}; a "count" unit shows no decimals."""
        return []

    @api.model
    def _as_of(self):
        """The newest change (UTC, as a string, or False) among the data the
        figures read, in the user's companies: on a lagging replica, the
        dashboard shows how old its figures are. Each MAX is one step down a
        write_date index (see the models' init)."""
        companies = self.env.companies.ids
        self.env.cr.execute(
            SQL(
                """
                SELECT GREATEST(
                    (SELECT MAX(write_date) FROM service_complaint
                      WHERE company_id = ANY(%(companies)s)),
                    (SELECT MAX(write_date) FROM service_survey_score
                      WHERE company_id = ANY(%(companies)s)),
                    (SELECT MAX(write_date) FROM service_promise
                      WHERE company_id = ANY(%(companies)s)),
                    (SELECT MAX(write_date) FROM service_kpi_snapshot
                      WHERE company_id = ANY(%(companies)s)))
                """,
                companies=companies,
            )
        )
        newest = self.env.cr.fetchone()[0]
        return fields.Datetime.to_string(newest) if newest else False

    def _trend(self, value, previous):
        """up / down / flat, and whether that is good news."""
        self.ensure_one()
        if value is None or previous is None or abs(value - previous) < 1e-9:
            return {"arrow": "flat", "good": None}
        up = value > previous
        return {
            "arrow": "up" if up else "down",
            "good": up == (self.direction == "higher"),
        }

    @api.model
    def _pareto(self, field_name, date_from, date_to, filters=None, limit=10):
        """Complaints received in the range by category or root cause, most
        frequent first, with the cumulative share (the Pareto chart)."""
        engine = self.env["service.kpi.engine"]
        complaints = engine._kpi_sources()["complaint"]
        selected = self.env.context.get("kpi_sources")
        if selected and "complaint" not in selected:
            return []  # causes are the complaints' own
        where = engine._filters("complaint", filters)
        if where is None:
            return []
        self.env.flush_all()
        column = {"category": "t.category_id", "root_cause": "t.root_cause_id"}[
            field_name
        ]
        model = {
            "category": "service.complaint.category",
            "root_cause": "service.root.cause",
        }[field_name]

        self.env.cr.execute(
            SQL(
                """
                SELECT %(column)s, COUNT(*) FROM service_complaint t
                 WHERE %(not_cancelled)s AND %(filters)s
                   AND t.date_received >= %(start)s AND t.date_received < %(stop)s
                 GROUP BY 1 ORDER BY 2 DESC, 1
                """,
                column=SQL(column),
                not_cancelled=engine._member_where(complaints),
                filters=where,
                start=engine._utc_bound(date_from, False),
                stop=engine._utc_bound(date_to + timedelta(days=1), False),
            )
        )
        rows = self.env.cr.fetchall()
        if field_name == "root_cause":
            # Cases without a root cause are a gap in the data, not a cause:
            # see _root_cause_missing.
            rows = [row for row in rows if row[0]]
        total = sum(count for __, count in rows)
        names = dict(
            self.env[model]
            .browse([key for key, __ in rows if key])
            .with_context(active_test=False)
            .mapped(lambda r: (r.id, r.display_name))
        )
        result, cumulative = [], 0
        for key, count in rows[:limit]:
            cumulative += count
            result.append(
                {
                    "id": key,
                    "name": names.get(key) or self.env._("Not set"),
                    "count": count,
                    "share": count * 100.0 / total,
                    "cumulative": cumulative * 100.0 / total,
                }
            )
        return result

    @api.model
    def _root_cause_missing(self, date_from, date_to, filters=None):
        """Data quality of the Pareto of root causes: of the complaints
        received in the range and resolved (result fed back or later), how
        many have no root cause."""
        engine = self.env["service.kpi.engine"]
        where = engine._filters("complaint", filters)
        result = {"resolved": 0, "missing": 0, "share": None}
        if where is None:
            return result
        resolved_stages = (
            self.env["service.complaint.stage"]
            .with_context(active_test=False)
            .search([("kind", "in", RESOLVED_KINDS)])
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(*), COUNT(*) FILTER (WHERE t.root_cause_id IS NULL)
                  FROM service_complaint t
                 WHERE t.stage_id = ANY(%(stages)s::int[]) AND %(filters)s
                   AND t.date_received >= %(start)s AND t.date_received < %(stop)s
                """,
                stages=resolved_stages.ids,
                filters=where,
                start=engine._utc_bound(date_from, False),
                stop=engine._utc_bound(date_to + timedelta(days=1), False),
            )
        )
        resolved, missing = self.env.cr.fetchone()
        result.update(resolved=resolved, missing=missing)
        if resolved:
            result["share"] = missing * 100.0 / resolved
        return result

    LEAGUE_CODES = ("complaint_count", "csat", "frt_median", "sla_resolution")

    @api.model
    def _league(self, cut, start, end, filters=None):
        """Rows of a league table (per team or agent) for a few key KPIs."""
        kpis = self.search([("computation", "in", self.LEAGUE_CODES)])
        figures = kpis._figures(
            start, end, cuts=(cut,), filters=filters, snapshots=True
        )
        rows = {}
        for kpi, kpi_figures in figures.items():
            for figure in kpi_figures:
                key = figure["keys"][cut]
                if not key:
                    continue
                rows.setdefault(key, {})[kpi.computation] = figure
        records = self.env[CUT_MODELS[cut]].browse(list(rows)).exists()
        league = []
        for record in records:
            league.append(
                {
                    "id": record.id,
                    "name": record.display_name,
                    **{
                        code: {
                            "value": rows[record.id][code]["value"],
                            "n": rows[record.id][code]["n"],
                            "significant": rows[record.id][code]["significant"],
                            "status": rows[record.id][code]["status"] or "none",
                        }
                        for code in self.LEAGUE_CODES
                        if code in rows[record.id]
                    },
                }
            )
        # Best satisfaction first, then the busiest.
        league.sort(
            key=lambda row: (
                -(row.get("csat", {}).get("value") or -1),
                -(row.get("complaint_count", {}).get("value") or 0),
            )
        )
        return league

    @api.model
    def _servqual(self, start, end, filters=None):
        """Per dimension: mean expectation, perception and gap of the pairs
        perceived in the range."""
        engine = self.env["service.kpi.engine"]
        where = engine._filters("gap", filters)
        if where is None:
            return []
        self.env.flush_all()

        self.env.cr.execute(
            SQL(
                """
                SELECT t.dimension_id, AVG(t.expectation), AVG(t.perception),
                       AVG(t.gap), COUNT(*)
                  FROM service_expectation_gap t
                 WHERE t.has_perception AND %(filters)s
                   AND t.date >= %(start)s AND t.date < %(stop)s
                 GROUP BY 1
                """,
                filters=where,
                start=engine._utc_bound(start, False),
                stop=engine._utc_bound(end + timedelta(days=1), False),
            )
        )
        rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        dimensions = self.env["service.quality.dimension"].browse(list(rows)).exists()
        return [
            {
                "id": dimension.id,
                "name": dimension.name,
                "expectation": rows[dimension.id][0],
                "perception": rows[dimension.id][1],
                "gap": rows[dimension.id][2],
                "n": rows[dimension.id][3],
            }
            for dimension in dimensions.sorted(lambda d: (d.sequence, d.id))
        ]

    @api.model
    def _ipa(self, start, end, filters=None):
        """Importance-performance analysis of the SERVQUAL dimensions:
        importance is the weight derived from the data (survey_extension),
        the stated weight while nothing has been derived; performance is the
        mean perception of the range. See lib/ipa.py for the quadrants."""
        rows = self._servqual(start, end, filters)
        dimensions = self.env["service.quality.dimension"].browse(
            [row["id"] for row in rows]
        )
        derived = any(dimensions.mapped("derived_sample_size"))
        importance = {
            dimension.id: dimension.derived_weight
            if derived
            else dimension.stated_weight
            for dimension in dimensions
        }
        cuts, quadrants = ipa.classify(
            {row["id"]: (importance[row["id"]], row["perception"]) for row in rows}
        )
        labels = dict(self._ipa_quadrant_labels())
        return {
            "derived": derived,
            "importance_cut": cuts and cuts[0],
            "performance_cut": cuts and cuts[1],
            "quadrants": self._ipa_quadrant_labels(),
            "points": [
                {
                    "id": row["id"],
                    "name": row["name"],
                    "importance": importance[row["id"]],
                    "performance": row["perception"],
                    "n": row["n"],
                    "quadrant": quadrants[row["id"]],
                    "quadrant_label": labels[quadrants[row["id"]]],
                }
                for row in rows
                if row["id"] in quadrants
            ],
        }

    @api.model
    def _ipa_quadrant_labels(self):
        return [
            (ipa.CONCENTRATE, self.env._("Concentrate here")),
            (ipa.KEEP_UP, self.env._("Keep up the good work")),
            (ipa.LOW_PRIORITY, self.env._("Low priority")),
            (ipa.OVERKILL, self.env._("Possible overkill")),
        ]
