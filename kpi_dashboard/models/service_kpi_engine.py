# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grouped SQL behind every KPI figure.

Each computation is one aggregate query over the indexed stored fields of a
source table (complaints, survey scores, expectation gaps, promises, survey
invitations), grouped by period and by the requested cuts. Python only turns
the grouped rows (a few hundred at most) into figures with their confidence
interval; it never loops over records.
"""

import gc
from collections import namedtuple
from contextlib import contextmanager
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, date_utils

from ..lib import stats

MANAGER_GROUP = "service_quality.group_service_manager"
USER_GROUP = "service_quality.group_service_user"
GRANULARITIES = ("day", "week", "month", "quarter", "year")
CUTS = ("company", "team", "agent", "tier", "service_type", "channel", "dimension")
# The model each cut's ids belong to, for labels.
CUT_MODELS = {
    "company": "res.company",
    "team": "service.team",
    "agent": "res.users",
    "tier": "service.customer.tier",
    "service_type": "service.type",
    "channel": "service.channel",
    "dimension": "service.quality.dimension",
}

# The built-in sources of ``service.kpi.engine._kpi_sources()``: where each
# source's rows come from and which column stands for each cut; a cut a
# source does not have is None (the KPI is then not split by it).
SOURCES = {
    "complaint": {
        "model": "service.complaint",
        "from": "service_complaint t",
        # A cancelled case (spam, duplicate, filed by mistake) is no complaint:
        # the "where" is _kpi_where_complaint, see _kpi_sources.
        "where": None,
        "cuts": {
            "company": "t.company_id",
            "team": "t.team_id",
            "agent": "t.user_id",
            "tier": "t.tier_id",
            "service_type": "t.service_type_id",
            "channel": "t.channel_id",
            "dimension": None,
        },
    },
    "score": {
        "model": "service.survey.score",
        "from": "service_survey_score t",
        "where": "TRUE",
        "cuts": {
            "company": "t.company_id",
            "team": "t.team_id",
            "agent": "t.user_id",
            "tier": "t.tier_id",
            "service_type": "t.service_type_id",
            "channel": "t.channel_id",
            "dimension": "t.dimension_id",
        },
    },
    "gap": {
        "model": "service.expectation.gap",
        "from": "service_expectation_gap t",
        "where": "t.has_perception",
        "cuts": {
            "company": "t.company_id",
            "team": "t.team_id",
            "agent": "t.user_id",
            "tier": "t.tier_id",
            "service_type": None,
            "channel": None,
            "dimension": "t.dimension_id",
        },
    },
    "promise": {
        "model": "service.promise",
        "from": "service_promise t",
        "where": "t.state IN ('kept', 'broken')",
        "cuts": {
            "company": "t.company_id",
            "team": "t.team_id",
            "agent": "t.user_id",
            "tier": "t.tier_id",
            "service_type": None,
            "channel": None,
            "dimension": None,
        },
    },
    "invitation": {
        "model": "survey.user_input",
        "from": "survey_user_input t "
        "LEFT JOIN res_partner contact ON contact.id = t.partner_id "
        "LEFT JOIN res_partner customer ON customer.id = contact.commercial_partner_id",
        "where": "t.service_kind IS NOT NULL",
        "cuts": {
            "company": "t.service_company_id",
            "team": "t.service_team_id",
            "agent": "t.service_agent_id",
            "tier": "customer.service_tier_id",
            "service_type": None,
            "channel": None,
            "dimension": None,
        },
    },
}

# The columns the complaint KPIs read, under alias ``t``, from every source
# feeding them (complaints, and e.g. a bridge's helpdesk tickets): the
# deadline columns of service.sla.mixin plus the received and closing dates.
CASE_COLUMNS = (
    "date_received",
    "date_first_response",
    "response_deadline",
    "response_working_hours",
    "date_resolved",
    "resolution_deadline",
    "resolution_working_hours",
    "reopen_count",
    "escalation_level",
    "date_closed",
    "breach_date",
)
# The columns a source feeding a computation source of several tables
# exposes, the cuts apart (read through a UNION ALL of the sources).
FEED_COLUMNS = {"complaint": CASE_COLUMNS}
# The canonical column of each cut in such a UNION ALL.
CUT_COLUMNS = {
    "company": "company_id",
    "team": "team_id",
    "agent": "user_id",
    "tier": "tier_id",
    "service_type": "service_type_id",
    "channel": "channel_id",
    "dimension": "dimension_id",
}

# kind: "flow" figures aggregate the rows dated in each period; "stock"
# figures (backlog) are the state at the end of each period.
# stat tells how the aggregates become a figure and its interval.
# Each aggregate is a template in which {w} stands for the KPI's condition
# (``where``): the KPIs of a source and date share one scan of the table,
# each aggregating its own rows through FILTER clauses.
Computation = namedtuple(
    "Computation",
    "source date where stat aggregates kind date_is_day",
    defaults=("flow", False),
)

COUNT = "COUNT(*) FILTER (WHERE {w})"


def _count_if(condition):
    return "COUNT(*) FILTER (WHERE {w} AND %s)" % condition


def _percentiles(column):
    """Median and 90th percentile in one aggregate: one sort of the values
    serves both (PostgreSQL computes identical aggregates of a query once)."""
    return (
        f"PERCENTILE_CONT(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY {column}) "
        "FILTER (WHERE {w})"
    )


def _mean(column):
    return {
        "mean": "AVG(%s) FILTER (WHERE {w})" % column,
        "sd": "STDDEV_SAMP(%s) FILTER (WHERE {w})" % column,
        "n": COUNT,
    }


SATISFACTION = "t.measure = 'satisfaction'"
# Scores are stored as numeric; float arithmetic is several times faster to
# aggregate and can be split between parallel workers.
VALUE = "t.value::float8"
# Complaint figures are those of the complaints received in the period (the
# cohort), whatever the date of their response or resolution: a month's
# figures are then final once its cases are closed, and one scan serves them.
RECEIVED = "t.date_received"
RESPONDED = "t.response_working_hours IS NOT NULL AND t.date_first_response IS NOT NULL"
RESOLVED = "t.resolution_working_hours IS NOT NULL AND t.date_resolved IS NOT NULL"
COMPUTATIONS = {
    "csat": Computation(
        "score",
        "t.date",
        SATISFACTION,
        "proportion",
        {"num": _count_if("t.is_satisfied"), "n": COUNT},
    ),
    "satisfaction_mean": Computation(
        "score", "t.date", SATISFACTION, "mean", _mean(VALUE)
    ),
    "nps": Computation(
        "score",
        "t.date",
        "t.measure = 'nps'",
        "nps",
        {
            "promoters": _count_if("t.nps_category = 'promoter'"),
            "detractors": _count_if("t.nps_category = 'detractor'"),
            "n": COUNT,
        },
    ),
    # Satisfaction index: dimension ratings of perception-side surveys,
    # weighted by each dimension's importance weight.
    "csi": Computation(
        "score",
        "t.date",
        "t.measure = 'dimension' AND t.service_kind != 'expectation'",
        "weighted_mean",
        {
            "wsum": f"SUM({VALUE} * {{weight}}) FILTER (WHERE {{w}})",
            "wtotal": "SUM({weight}) FILTER (WHERE {w})",
            "n": COUNT,
        },
    ),
    "servqual_gap": Computation(
        "gap", "t.date", "TRUE", "mean", _mean("t.gap::float8")
    ),
    "frt_median": Computation(
        "complaint",
        RECEIVED,
        RESPONDED,
        "median",
        {"values": _percentiles("t.response_working_hours"), "n": COUNT},
    ),
    "frt_p90": Computation(
        "complaint",
        RECEIVED,
        RESPONDED,
        "p90",
        {"values": _percentiles("t.response_working_hours"), "n": COUNT},
    ),
    "resolution_median": Computation(
        "complaint",
        RECEIVED,
        RESOLVED,
        "median",
        {"values": _percentiles("t.resolution_working_hours"), "n": COUNT},
    ),
    "resolution_p90": Computation(
        "complaint",
        RECEIVED,
        RESOLVED,
        "p90",
        {"values": _percentiles("t.resolution_working_hours"), "n": COUNT},
    ),
    # SLA compliance counts the cases whose outcome is known: answered, or
    # past the deadline without an answer.
    "sla_response": Computation(
        "complaint",
        RECEIVED,
        "t.response_deadline IS NOT NULL AND (t.date_first_response IS NOT NULL "
        "OR t.response_deadline < %(now)s)",
        "proportion",
        {
            "num": _count_if("t.date_first_response <= t.response_deadline"),
            "n": COUNT,
        },
    ),
    "sla_resolution": Computation(
        "complaint",
        RECEIVED,
        "t.resolution_deadline IS NOT NULL AND (t.date_resolved IS NOT NULL "
        "OR t.resolution_deadline < %(now)s)",
        "proportion",
        {
            "num": _count_if("t.date_resolved <= t.resolution_deadline"),
            "n": COUNT,
        },
    ),
    "backlog": Computation("complaint", None, "TRUE", "count", {}, "stock"),
    "breached_open": Computation("complaint", None, "TRUE", "count", {}, "stock"),
    "fcr": Computation(
        "score",
        "t.date",
        "t.measure = 'fcr'",
        "proportion",
        {"num": _count_if("t.value >= 50"), "n": COUNT},
    ),
    # Reopening clears the resolution: the rate is over the whole received
    # cohort, so that a reopened case still open counts too.
    "reopen_rate": Computation(
        "complaint",
        RECEIVED,
        "TRUE",
        "proportion",
        {"num": _count_if("t.reopen_count > 0"), "n": COUNT},
    ),
    "escalation_rate": Computation(
        "complaint",
        RECEIVED,
        "TRUE",
        "proportion",
        {"num": _count_if("t.escalation_level > 0"), "n": COUNT},
    ),
    "complaint_count": Computation(
        "complaint", RECEIVED, "TRUE", "count", {"n": COUNT}
    ),
    "complaint_rate_customers": Computation(
        "complaint", RECEIVED, "TRUE", "per_customers", {"n": COUNT}
    ),
    "complaint_rate_orders": Computation(
        "complaint", RECEIVED, "TRUE", "per_orders", {"n": COUNT}
    ),
    "promise_kept": Computation(
        "promise",
        "t.date_done",
        "TRUE",
        "proportion",
        {"num": _count_if("t.state = 'kept'"), "n": COUNT},
        "flow",
        True,
    ),
    # Invitations and their answers both by the send date: a month's rate is
    # that of its invitations, answered whenever (see the KPI's formula).
    "response_rate": Computation(
        "invitation",
        "t.service_date_sent",
        "TRUE",
        "proportion",
        {"num": _count_if("t.state = 'done'"), "n": COUNT},
    ),
}


@contextmanager
def collection_paused():
    """Pause Python's cyclic garbage collector while thousands of figures
    are built: so many new dicts would set off full collections of the
    server's whole heap, tens of milliseconds each, for objects that form no
    cycle. Resumed after, unless it was already off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ServiceKpiEngine(models.AbstractModel):
    _name = "service.kpi.engine"
    _description = "KPI Computation Engine"

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    @api.model
    def _is_kpi_manager(self):
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)

    @api.model
    def _own_team_ids(self):
        """The teams of the user as the record rules define them: those they
        are a member or the leader of."""
        uid = self.env.uid
        return (
            self.env["service.team"]
            .sudo()
            .with_context(active_test=False)
            .search(["|", ("member_ids", "in", uid), ("user_id", "=", uid)])
            .ids
        )

    @api.model
    def _check_kpi_access(self, filters=None):
        """Managers compute any figure; a service user only figures filtered
        on teams of their own (the raw SQL reads no record rule)."""
        if self._is_kpi_manager():
            return
        teams = set((filters or {}).get("team") or ())
        if (
            not self.env.user.has_group(USER_GROUP)
            or not teams
            or not teams <= set(self._own_team_ids())
        ):
            raise AccessError(
                self.env._(
                    "Only service managers can see the KPIs of the whole company "
                    "or of other teams; agents see those of their own teams."
                )
            )

    # ------------------------------------------------------------------
    # Periods and time zones
    # ------------------------------------------------------------------
    @api.model
    def _tz(self):
        return self.env.context.get("tz") or self.env.user.tz or "UTC"

    @api.model
    def _period_start(self, day, granularity):
        """The first day of the period of ``granularity`` holding ``day``."""
        return date_utils.start_of(day, granularity)

    @api.model
    def _period_step(self, granularity):
        if granularity == "quarter":  # not one of get_timedelta's units
            return relativedelta(months=3)
        return date_utils.get_timedelta(1, granularity)

    @api.model
    def _periods(self, date_from, date_to, granularity):
        """Start dates of the periods overlapping [date_from, date_to]."""
        if not granularity:
            return [None]
        start = self._period_start(date_from, granularity)
        step = self._period_step(granularity)
        periods = []
        while start <= date_to:
            periods.append(start)
            start += step
        return periods

    # ------------------------------------------------------------------
    # Sources: the registry of the tables the figures read
    # ------------------------------------------------------------------
    @api.model
    def _kpi_sources(self):
        """The registry of KPI sources: ``{key: descriptor}``.

        A computation names the source it reads (``Computation.source``:
        "complaint", "score", "gap", "promise", "invitation"); it reads every
        registered source that *feeds* it. A descriptor is a dict:

        - ``model``: the model of the rows (for the reader; access to the
          figures is checked by their callers);
        - ``from``: SQL text of the FROM clause, the rows under alias ``t``
          (joins allowed);
        - ``where``: which rows count (e.g. cancelled cases excluded): SQL
          text, or a callable without argument returning an ``SQL``;
        - ``cuts``: ``{cut: column expression or None}`` for every cut of
          CUTS; None when the source cannot be split by it;
        - ``feeds`` (optional, default its own key): the computation source
          its rows feed;
        - ``columns`` (optional): ``{canonical column: expression}`` when the
          source names a column of ``FEED_COLUMNS[feeds]`` differently (e.g.
          ``{"date_received": "t.create_date"}``).

        When one source feeds a computation and renames nothing, the
        figures read its table directly (its indexes serve them). When
        several do, or one renames columns, they are read as one
        ``UNION ALL`` exposing ``FEED_COLUMNS[feeds]`` and the canonical cut
        columns (``CUT_COLUMNS``). A source feeding "complaint" must thus
        provide ``CASE_COLUMNS``: the models inheriting ``service.sla.mixin``
        have the deadline ones.

        A bridge adds its source by extending this method::

            @api.model
            def _kpi_sources(self):
                sources = super()._kpi_sources()
                sources["ticket"] = {
                    "model": "helpdesk.ticket",
                    "feeds": "complaint",
                    "from": "helpdesk_ticket t",
                    "where": "t.active",
                    "columns": {"date_received": "t.create_date", ...},
                    "cuts": {"company": "t.company_id", ...},
                }
                return sources

        The context key ``kpi_sources`` (a list of keys) restricts every
        figure to these sources, e.g. ``["complaint"]`` for complaints only.
        """
        sources = {key: dict(descriptor) for key, descriptor in SOURCES.items()}
        sources["complaint"]["where"] = self._kpi_where_complaint
        return sources

    @api.model
    def _kpi_where_complaint(self):
        # The ids of the cancelled stages rather than a join to the stage
        # table for each of the rows.
        cancelled = (
            self.env["service.complaint.stage"]
            .with_context(active_test=False)
            .search([("kind", "=", "cancelled")])
        )
        return SQL("t.stage_id != ALL(%s::int[])", cancelled.ids)

    @api.model
    def _source_members(self, source):
        """The descriptors of the registered sources feeding ``source``, as
        restricted by the context's ``kpi_sources``."""
        selected = self.env.context.get("kpi_sources")
        return [
            descriptor
            for key, descriptor in self._kpi_sources().items()
            if descriptor.get("feeds", key) == source
            and (not selected or key in selected)
        ]

    @api.model
    def _source_direct(self, members):
        """Whether the only member can be read as it is, without a union."""
        return len(members) == 1 and not members[0].get("columns")

    @api.model
    def _source_cuts(self, source):
        """{cut: column} of ``source``, or None when no source feeds it."""
        members = self._source_members(source)
        if not members:
            return None
        if self._source_direct(members):
            return members[0]["cuts"]
        return {
            cut: f"t.{CUT_COLUMNS[cut]}"
            if any(member["cuts"].get(cut) for member in members)
            else None
            for cut in CUTS
        }

    @api.model
    def _member_where(self, member):
        where = member["where"]
        return where() if callable(where) else SQL(where)

    @api.model
    def _source_from(self, source):
        """The FROM clause of ``source``: its table, or the union of the
        tables feeding it, under alias ``t``."""
        members = self._source_members(source)
        if self._source_direct(members):
            return SQL(members[0]["from"])
        cuts = self._source_cuts(source)
        branches = []
        for member in members:
            renamed = member.get("columns") or {}
            columns = [
                SQL(
                    "%s AS %s",
                    SQL(renamed.get(column, f"t.{column}")),
                    SQL.identifier(column),
                )
                for column in FEED_COLUMNS[source]
            ]
            columns += [
                SQL(
                    "%s AS %s",
                    SQL(member["cuts"].get(cut) or "NULL::integer"),
                    SQL.identifier(CUT_COLUMNS[cut]),
                )
                for cut in CUTS
                if cuts[cut]
            ]
            branches.append(
                SQL(
                    "SELECT %s FROM %s WHERE %s",
                    SQL(", ").join(columns),
                    SQL(member["from"]),
                    self._member_where(member),
                )
            )
        return SQL("(%s) t", SQL(" UNION ALL ").join(branches))

    @api.model
    def _source_where(self, source):
        """Which rows of ``source`` count (within a union, each member's
        condition is applied in its branch)."""
        members = self._source_members(source)
        if self._source_direct(members):
            return self._member_where(members[0])
        return SQL("TRUE")

    # ------------------------------------------------------------------
    # SQL building blocks
    # ------------------------------------------------------------------
    @api.model
    def _utc_bound(self, day, is_day):
        """The stored value at local midnight of ``day``: stored datetimes are
        naive UTC, periods follow the user's time zone (dates are dates)."""
        if is_day:
            return day
        local = pytz.timezone(self._tz()).localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _bucket(self, column, is_day, periods):
        """The 1-based index of the period holding ``column`` (0 before the
        first). The periods' bounds are computed once here, in the user's
        time zone, so that no row is converted: a binary search per row."""
        bounds = [self._utc_bound(start, is_day) for start in periods]
        return SQL(
            "width_bucket(%s, %s::%s[])",
            SQL(column),
            bounds,
            SQL("date" if is_day else "timestamp"),
        )

    @api.model
    def _cut_columns(self, source, cuts):
        source_cuts = self._source_cuts(source) or {}
        columns = []
        for cut in cuts:
            column = source_cuts.get(cut)
            columns.append(SQL(column) if column else SQL("NULL::integer"))
        return columns

    @api.model
    def _filters(self, source, filters):
        """WHERE clauses of the filters, or None when the source cannot be
        filtered the way asked (the figure then does not exist)."""
        source_cuts = self._source_cuts(source)
        if source_cuts is None:
            return None  # no source feeds it (e.g. excluded by kpi_sources)
        clauses = []
        company_column = source_cuts["company"]
        clauses.append(SQL("%s = ANY(%s)", SQL(company_column), self.env.companies.ids))
        if not self._is_kpi_manager():
            # The record rules' scope: the user's own teams only.
            team_column = SOURCES[source]["cuts"]["team"]
            clauses.append(SQL("%s = ANY(%s)", SQL(team_column), self._own_team_ids()))
        for cut, ids in (filters or {}).items():
            if not ids:
                continue
            column = source_cuts[cut]
            if not column:
                return None
            clauses.append(SQL("%s = ANY(%s)", SQL(column), list(ids)))
        return SQL(" AND ").join(clauses)

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------
    @api.model
    def _sql_condition(self, condition, now):
        """A KPI condition as SQL; ``%(now)s`` is the only parameter."""
        count = condition.count("%(now)s")
        return SQL(condition.replace("%(now)s", "%s"), *([now] * count))

    @api.model
    def _dimension_weight(self):
        """Each score's importance weight as a CASE over the few dimensions:
        cheaper than joining the dimension table for each row. A dimension
        without a weight counts once, like the others' default."""
        dimensions = (
            self.env["service.quality.dimension"]
            .with_context(active_test=False)
            .search_fetch([("weight", "not in", (0, False))], ["weight"])
        )
        if not dimensions:
            return "1.0"
        whens = " ".join(
            f"WHEN {int(d.id)} THEN {float(d.weight)!r}" for d in dimensions
        )
        return f"(CASE t.dimension_id {whens} ELSE 1.0 END)"

    @api.model
    def _aggregate(self, computations, date_from, date_to, granularity, cuts, filters):
        """{code: [(period, *cut ids, {aggregate: value})]} of flow KPIs that
        share a source and a date column, in one scan of the table."""
        first = next(iter(computations.values()))
        where_filters = self._filters(first.source, filters)
        if where_filters is None:
            return {code: [] for code in computations}
        now = fields.Datetime.now()
        is_day = first.date_is_day
        periods = self._periods(date_from, date_to, granularity)
        cut_columns = self._cut_columns(first.source, cuts)
        columns, selects = [], []
        weight = None
        for code, computation in computations.items():
            condition = self._sql_condition(computation.where, now)
            for name, template in computation.aggregates.items():
                if "{weight}" in template:
                    weight = weight or self._dimension_weight()
                    template = template.replace("{weight}", weight)
                columns.append((code, name))
                before, after = template.split("{w}")
                selects.append(SQL("%s%s%s", SQL(before), condition, SQL(after)))
        query = SQL(
            """
            SELECT %(bucket)s AS period%(cut_select)s, %(aggregates)s
              FROM %(from)s
             WHERE %(where)s AND %(filters)s
               AND %(date)s >= %(start)s AND %(date)s < %(stop)s
             GROUP BY %(group)s
            """,
            bucket=self._bucket(first.date, is_day, periods)
            if granularity
            else SQL("0"),
            cut_select=SQL("").join(SQL(", %s", column) for column in cut_columns),
            aggregates=SQL(", ").join(selects),
            **{"from": self._source_from(first.source)},
            where=self._source_where(first.source),
            filters=where_filters,
            date=SQL(first.date),
            start=self._utc_bound(date_from, is_day),
            stop=self._utc_bound(date_to + timedelta(days=1), is_day),
            group=SQL(", ").join(SQL(str(i + 1)) for i in range(len(cuts) + 1)),
        )
        self.env.cr.execute(query)
        result = {code: [] for code in computations}
        width = 1 + len(cuts)
        for row in self.env.cr.fetchall():
            period = periods[row[0] - 1] if granularity else None
            values = {}
            for (code, name), value in zip(columns, row[width:], strict=True):
                values.setdefault(code, {})[name] = value
            for code, aggregates in values.items():
                if aggregates.get("n"):  # no row of this KPI in the group
                    result[code].append((period, *row[1:width], aggregates))
        return result

    @api.model
    def _stock(self, codes, date_from, date_to, granularity, cuts, filters):
        """{code: rows} of the open (backlog) and open and breached cases at
        the end of each period.

        Instead of testing every case against every period end, each case
        contributes +1 when it opens (or breaches) and -1 when it closes; the
        running sum of these events per cut is the stock. Cases closed before
        the range add nothing and are not read: one scan of the range's
        cases, whatever the number of periods."""
        where_filters = self._filters("complaint", filters)
        if where_filters is None:
            return {code: [] for code in codes}
        start = self._utc_bound(date_from, False)
        stop = self._utc_bound(date_to + timedelta(days=1), False)
        now = fields.Datetime.now()
        # Breached while open: a case closed before its deadline passed never was.
        breached = SQL(
            "(t.breach_date < %s AND (t.date_closed IS NULL "
            "OR t.breach_date < t.date_closed))",
            now,
        )
        cut_columns = self._cut_columns("complaint", cuts)
        cut_aliases = [SQL("c%s", SQL(str(i))) for i in range(len(cuts))]
        periods = self._periods(date_from, date_to, granularity)

        def bucket(column):
            """The period's index; what happened before the range counts in
            the first period."""
            if not granularity:  # one period: the range
                return SQL("1")
            return SQL("GREATEST(%s, 1)", self._bucket(column, False, periods))

        # The cases are first grouped by the periods in which they opened,
        # closed and breached (few distinct combinations), then each group
        # gives its events: the expansion runs on groups, not on cases.
        query = SQL(
            """
            WITH cases AS (
                SELECT %(opened)s AS opened,
                       CASE WHEN t.date_closed < %(stop)s THEN %(closed)s END
                           AS closed,
                       CASE WHEN %(breached)s AND t.breach_date < %(stop)s
                            THEN %(breach)s END AS breach%(cut_select)s,
                       COUNT(*) AS n
                  FROM %(from)s
                 WHERE %(where)s AND %(filters)s
                   AND t.date_received < %(stop)s
                   AND (t.date_closed IS NULL OR t.date_closed >= %(start)s)
                 GROUP BY %(group)s
            ), per AS (
                SELECT ev.period%(cut_aliases)s,
                       SUM(ev.backlog * cases.n) AS backlog,
                       SUM(ev.breached * cases.n) AS breached
                  FROM cases
                 CROSS JOIN LATERAL (VALUES
                       (cases.opened, 1, 0),
                       (cases.closed, -1, 0),
                       (cases.breach, 0, 1),
                       (CASE WHEN cases.breach IS NOT NULL THEN cases.closed END, 0, -1)
                 ) AS ev(period, backlog, breached)
                 WHERE ev.period IS NOT NULL
                 GROUP BY ev.period%(cut_aliases)s
            )
            SELECT period%(cut_aliases)s,
                   SUM(backlog) OVER w, SUM(breached) OVER w
              FROM per
            WINDOW w AS (PARTITION BY %(partition)s ORDER BY period)
            """,
            opened=bucket("t.date_received"),
            closed=bucket("t.date_closed"),
            breach=bucket("t.breach_date"),
            cut_select=SQL("").join(
                SQL(", %s AS %s", column, alias)
                for column, alias in zip(cut_columns, cut_aliases, strict=True)
            ),
            **{"from": self._source_from("complaint")},
            breached=breached,
            where=self._source_where("complaint"),
            filters=where_filters,
            start=start,
            stop=stop,
            group=SQL(", ").join(SQL(str(i + 1)) for i in range(len(cuts) + 3)),
            cut_aliases=SQL("").join(SQL(", %s", alias) for alias in cut_aliases),
            partition=SQL(", ").join(cut_aliases) if cuts else SQL("NULL"),
        )
        self.env.cr.execute(query)
        rows = self.env.cr.fetchall()
        # Carry the stock forward over periods without any event.
        by_key = {}
        for row in rows:
            by_key.setdefault(tuple(row[1:-2]), {})[row[0]] = row[-2:]
        result = {code: [] for code in codes}
        for key, values in by_key.items():
            current = (0, 0)
            for index, period in enumerate(periods, start=1):
                current = values.get(index, current)
                for code, column in (("backlog", 0), ("breached_open", 1)):
                    if code in result:
                        count = int(current[column] or 0)
                        result[code].append((period, *key, {"n": count}))
        return result

    @api.model
    def _active_customers(self, cuts, filters):
        """Customers counted in the complaint rate: commercial entities whose
        tier (the customer pyramid) counts as active; per tier and company
        when cut so. A customer shared by all companies counts for each."""
        group = [cut for cut in cuts if cut in ("tier", "company")]
        columns = {"tier": SQL("p.service_tier_id"), "company": SQL("company.id")}
        where = [
            SQL("p.active"),
            SQL("p.id = p.commercial_partner_id"),
            SQL("tier.count_as_active"),
            SQL("company.id = ANY(%s)", self.env.companies.ids),
        ]
        for cut in ("tier", "company"):
            if (filters or {}).get(cut):
                where.append(SQL("%s = ANY(%s)", columns[cut], list(filters[cut])))
        query = SQL(
            """
            SELECT %(select)s COUNT(DISTINCT p.id) FROM res_partner p
              JOIN service_customer_tier tier ON tier.id = p.service_tier_id
              CROSS JOIN LATERAL unnest(
                  CASE WHEN p.company_id IS NULL THEN %(companies)s::int[]
                       ELSE ARRAY[p.company_id] END
              ) AS company(id)
             WHERE %(where)s %(group)s
            """,
            select=SQL("").join(SQL("%s, ", columns[cut]) for cut in group),
            companies=self.env.companies.ids,
            where=SQL(" AND ").join(where),
            group=SQL("GROUP BY %s", SQL(", ").join(columns[c] for c in group))
            if group
            else SQL(""),
        )
        self.env.cr.execute(query)
        return group, {tuple(row[:-1]): row[-1] for row in self.env.cr.fetchall()}

    @api.model
    def _sale_orders(self, date_from, date_to, granularity, cuts, filters):
        """Confirmed sale orders per period (and tier/company when cut so), or
        None when Sales is not installed."""
        if "sale.order" not in self.env:
            return None, None
        group = [cut for cut in cuts if cut in ("tier", "company")]
        periods = self._periods(date_from, date_to, granularity)
        columns = {
            "tier": SQL("customer.service_tier_id"),
            "company": SQL("so.company_id"),
        }
        where = [
            SQL("so.state = 'sale'"),
            SQL("so.company_id = ANY(%s)", self.env.companies.ids),
            SQL("so.date_order >= %s", self._utc_bound(date_from, False)),
            SQL(
                "so.date_order < %s",
                self._utc_bound(date_to + timedelta(days=1), False),
            ),
        ]
        for cut in ("tier", "company"):
            if (filters or {}).get(cut):
                where.append(SQL("%s = ANY(%s)", columns[cut], list(filters[cut])))
        query = SQL(
            """
            SELECT %(bucket)s%(select)s, COUNT(*) FROM sale_order so
              JOIN res_partner customer ON customer.id = so.partner_id
             WHERE %(where)s GROUP BY 1%(group)s
            """,
            bucket=self._bucket("so.date_order", False, periods)
            if granularity
            else SQL("0"),
            select=SQL("").join(SQL(", %s", columns[cut]) for cut in group),
            where=SQL(" AND ").join(where),
            group=SQL("").join(SQL(", %s", SQL(str(i + 2))) for i in range(len(group))),
        )
        self.env.cr.execute(query)
        return group, {
            (periods[row[0] - 1] if granularity else None, *row[1:-1]): row[-1]
            for row in self.env.cr.fetchall()
        }

    # ------------------------------------------------------------------
    # From aggregates to figures
    # ------------------------------------------------------------------
    @api.model
    def _figure(self, stat, aggregates):
        """(value, sample size, interval low, interval high) of one group."""
        n = aggregates.get("n") or 0
        if stat == "proportion":
            low, high = stats.wilson_interval(aggregates["num"], n)
            return stats.ratio(aggregates["num"], n), n, low, high
        if stat == "mean":
            low, high = stats.mean_interval(aggregates["mean"], aggregates["sd"], n)
            return aggregates["mean"], n, low, high
        if stat == "weighted_mean":
            value = stats.ratio(aggregates["wsum"], aggregates["wtotal"], scale=1.0)
            return value, n, None, None
        if stat == "nps":
            promoters, detractors = aggregates["promoters"], aggregates["detractors"]
            low, high = stats.nps_interval(promoters, detractors, n)
            return stats.nps(promoters, detractors, n), n, low, high
        if stat in ("median", "p90"):
            values = aggregates["values"]
            value = values[0 if stat == "median" else 1] if values else None
            return value, n, None, None
        return float(n), n, None, None

    @api.model
    def compute(
        self, codes, date_from, date_to, granularity=None, cuts=(), filters=None
    ):
        """The figures of the KPI computations ``codes``.

        :param date_from, date_to: dates, both included, in the user's tz
        :param granularity: None (one figure for the whole range) or one of
            GRANULARITIES
        :param cuts: dimensions to split by, among CUTS
        :param filters: {cut: [ids]} to restrict to
        :return: {code: [{"period", "keys": {cut: id}, "value", "n",
            "ci_low", "ci_high"}]}
        :raise AccessError: for a user who is no service manager, unless
            ``filters`` restrict the figures to teams of their own
        """
        self._check_kpi_access(filters)
        unknown = (
            set(codes) - set(COMPUTATIONS)
            | set(cuts) - set(CUTS)
            | set(filters or {}) - set(CUTS)
            | ({granularity} - set(GRANULARITIES) if granularity else set())
        )
        if unknown:
            raise ValidationError(
                self.env._(
                    "Unknown KPI computation, period or cut: %s",
                    ", ".join(sorted(map(str, unknown))),
                )
            )
        cuts = tuple(cuts)
        # Raw SQL reads the tables: pending ORM writes must be there first.
        self.env.flush_all()
        with self._analytics_settings():
            return self._compute(codes, date_from, date_to, granularity, cuts, filters)

    @contextmanager
    def _analytics_settings(self):
        """Analytical queries over hundreds of thousands of rows: sort in
        memory rather than on disk, let the scans and aggregations run in
        parallel workers, and skip JIT compilation, which costs more than it
        saves here. For these queries only: the settings are reset after.

        One worker by default (``kpi_dashboard.parallel_workers``): with the
        leader that is two processes, which measured fastest on a 2-core
        server and leaves the other cores to the other users of a bigger
        one; raise it on a server with idle cores."""
        workers = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("kpi_dashboard.parallel_workers", "1")
        )
        workers = int(workers) if workers.strip().isdigit() else 1
        settings = {
            "work_mem": "64MB",
            "jit": "off",
            "parallel_setup_cost": "100",
            "parallel_tuple_cost": "0.01",
            "max_parallel_workers_per_gather": str(workers),
        }
        for name, value in settings.items():
            self.env.cr.execute(SQL("SET LOCAL %s = %s", SQL(name), value))
        try:
            yield
        finally:
            for name in settings:
                self.env.cr.execute(SQL("RESET %s", SQL(name)))

    @api.model
    def _compute(self, codes, date_from, date_to, granularity, cuts, filters):
        batches = {}
        for code in codes:
            computation = COMPUTATIONS[code]
            if computation.stat == "per_orders" and "sale.order" not in self.env:
                continue  # no Sales, no orders: the figure does not exist
            key = (computation.source, computation.kind, computation.date)
            batches.setdefault(key, {})[code] = computation
        rows = {code: [] for code in codes}
        for (__, kind, __), computations in batches.items():
            args = (date_from, date_to, granularity, cuts, filters)
            if kind == "stock":
                rows.update(self._stock(list(computations), *args))
            else:
                rows.update(self._aggregate(computations, *args))
        result = {}
        with collection_paused():
            for code in codes:
                result[code] = self._code_figures(
                    code, rows[code], date_from, date_to, granularity, cuts, filters
                )
        return result

    @api.model
    def _code_figures(self, code, rows, date_from, date_to, granularity, cuts, filters):
        """The figures of one KPI computation from its grouped rows."""
        computation = COMPUTATIONS[code]
        denominators = self._denominators(
            computation, date_from, date_to, granularity, cuts, filters
        )
        figures = []
        for row in rows:
            period, keys, aggregates = row[0], row[1:-1], row[-1]
            value, n, low, high = self._figure(computation.stat, aggregates)
            if denominators is not None:
                value = self._per_denominator(
                    computation, denominators, period, cuts, keys, n
                )
            figures.append(
                {
                    "period": period,
                    "keys": dict(zip(cuts, keys, strict=True)),
                    "value": value,
                    "n": n,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
        return figures

    @api.model
    def _denominators(
        self, computation, date_from, date_to, granularity, cuts, filters
    ):
        if computation.stat == "per_customers":
            return self._active_customers(cuts, filters)
        if computation.stat == "per_orders":
            return self._sale_orders(date_from, date_to, granularity, cuts, filters)
        return None

    @api.model
    def _per_denominator(self, computation, denominators, period, cuts, keys, n):
        group, counts = denominators
        if counts is None:
            return None
        key_of = dict(zip(cuts, keys, strict=True))
        key = tuple(key_of[cut] for cut in group)
        if computation.stat == "per_customers":
            return stats.ratio(n, counts.get(key), scale=100.0)
        return stats.ratio(n, counts.get((period, *key)), scale=1000.0)
