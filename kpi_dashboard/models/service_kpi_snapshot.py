# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)

# Scopes of the snapshot rows and the cuts that produce them.
SCOPES = {
    "company": (),
    "team": ("team",),
    "tier": ("tier",),
    "team_tier": ("team", "tier"),
}


class ServiceKpiSnapshot(models.Model):
    """The figure of a KPI for one month, frozen once the month is closed, so
    that trends survive later edits of cases and re-organisations of teams."""

    _name = "service.kpi.snapshot"
    _description = "Monthly KPI Snapshot"
    _order = "month desc, kpi_sequence, kpi_id, scope, team_id, tier_id"
    _rec_name = "kpi_id"

    kpi_id = fields.Many2one(
        "service.kpi", string="KPI", required=True, ondelete="cascade", index=True
    )
    kpi_sequence = fields.Integer(related="kpi_id.sequence", store=True)
    category = fields.Selection(related="kpi_id.category", store=True)
    unit = fields.Selection(related="kpi_id.unit")
    month = fields.Date(required=True, index=True, help="First day of the month.")
    company_id = fields.Many2one("res.company", required=True, index=True)
    scope = fields.Selection(
        [
            ("company", "Company"),
            ("team", "Team"),
            ("tier", "Customer Tier"),
            ("team_tier", "Team and Tier"),
        ],
        required=True,
        index=True,
    )
    team_id = fields.Many2one("service.team", index=True)
    tier_id = fields.Many2one(
        "service.customer.tier", string="Customer Tier", index=True
    )
    value = fields.Float(digits=(16, 2), aggregator="avg")
    sample_size = fields.Integer(aggregator="sum")
    ci_low = fields.Float(string="Interval Low", digits=(16, 2), aggregator=False)
    ci_high = fields.Float(string="Interval High", digits=(16, 2), aggregator=False)
    significant = fields.Boolean()
    target = fields.Float(digits=(16, 2), aggregator="avg")
    status = fields.Selection(
        [("good", "On Target"), ("warning", "Warning"), ("bad", "Off Target")]
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        index=True,
    )
    date_computed = fields.Datetime(string="Computed On")

    # Measures with no common total across KPIs (a percentage, hours and a
    # count do not average): see read_group.
    PER_KPI_MEASURES = ("value", "target", "sample_size")

    def init(self):
        # One row per KPI, month, company, team and tier; NULL team or tier
        # take part in the uniqueness.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS service_kpi_snapshot_unique_idx
                ON service_kpi_snapshot (kpi_id, month, company_id, scope,
                                         COALESCE(team_id, 0), COALESCE(tier_id, 0))
            """
        )

    # ------------------------------------------------------------------
    # Immutability of closed months
    # ------------------------------------------------------------------
    def write(self, vals):
        if self.filtered(lambda s: s.state == "closed") and not self.env.context.get(
            "kpi_snapshot_reopen"
        ):
            raise UserError(
                self.env._("A closed month's KPI snapshot cannot be changed.")
            )
        return super().write(vals)

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """A group of the pivot or the graph that mixes several KPIs (the
        pivot's Total row, a month over all KPIs) shows no value, target or
        sample size instead of an average of unrelated figures."""
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        grouped = groupby[:1] if lazy else groupby
        measures = [
            spec for spec in fields if spec.split(":")[0] in self.PER_KPI_MEASURES
        ]
        if not measures or any(g.split(":")[0] == "kpi_id" for g in grouped):
            return super().read_group(
                domain, fields, groupby, offset, limit, orderby, lazy
            )
        groups = super().read_group(
            domain,
            [*fields, "kpi_distinct:count_distinct(kpi_id)"],
            groupby,
            offset,
            limit,
            orderby,
            lazy,
        )
        for group in groups:
            if group.pop("kpi_distinct", 0) > 1:
                for spec in measures:
                    group[spec.split(":")[0]] = False
        return groups

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.filtered(lambda s: s.state == "closed"):
            raise UserError(
                self.env._("A closed month's KPI snapshot cannot be deleted.")
            )

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    @api.model
    def _snapshot_month(self, month, company):
        """(Re)compute the open snapshots of ``month`` for ``company``; a
        closed month is left as it is. Returns the snapshots written."""
        month = month.replace(day=1)
        existing = self.search([("month", "=", month), ("company_id", "=", company.id)])
        if existing.filtered(lambda s: s.state == "closed"):
            return self.browse()
        # A company's month runs from midnight to midnight where it is, for
        # whoever (the scheduler, a manager abroad) computes it.
        kpis = (
            self.env["service.kpi"]
            .with_company(company)
            .with_context(
                allowed_company_ids=[company.id], tz=self._company_tz(company)
            )
            .search([])
        )
        end = month + relativedelta(months=1) - timedelta(days=1)
        now = fields.Datetime.now()
        values = []
        for scope, cuts in SCOPES.items():
            figures = kpis._figures(
                month, end, cuts=cuts, filters={"company": [company.id]}
            )
            for kpi, rows in figures.items():
                for figure in rows:
                    keys = figure["keys"]
                    if any(not keys.get(cut) for cut in cuts):
                        continue  # cases without team / tier: in the company row
                    if figure["value"] is None:
                        continue  # no figure (e.g. no customer in the tier)
                    values.append(
                        {
                            "kpi_id": kpi.id,
                            "month": month,
                            "company_id": company.id,
                            "scope": scope,
                            "team_id": keys.get("team"),
                            "tier_id": keys.get("tier"),
                            "value": figure["value"],
                            "sample_size": figure["n"],
                            "ci_low": figure["ci_low"] or 0.0,
                            "ci_high": figure["ci_high"] or 0.0,
                            "significant": figure["significant"],
                            "target": kpi.target,
                            "status": figure["status"] or False,
                            "date_computed": now,
                        }
                    )
        existing.unlink()
        return self.create(values)

    @api.model
    def _company_tz(self, company):
        """The time zone of the company's months: its address's (one zone
        for the whole company; working calendars may differ per team)."""
        return company.partner_id.tz or "UTC"

    @api.model
    def _company_today(self, company):
        """Today where the company is: its months open and close by its own
        calendar day, not by the scheduler's or the reader's."""
        return fields.Date.context_today(
            self.with_context(tz=self._company_tz(company))
        )

    @api.model
    def _close_months(self, before, company):
        """Close every open snapshot of ``company`` dated before ``before``."""
        to_close = self.search(
            [
                ("month", "<", before),
                ("company_id", "=", company.id),
                ("state", "=", "open"),
            ]
        )
        to_close.write({"state": "closed"})
        return to_close

    @api.model
    def _cron_snapshot(self):
        """Daily: recompute the open months (the current one and those not yet
        closed) and close the months older than the grace period."""
        grace = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("kpi_dashboard.snapshot_close_day", 5)
        )
        for company in self.env["res.company"].search([]):
            today = self._company_today(company)
            this_month = today.replace(day=1)
            last_closed = self.search(
                [("company_id", "=", company.id), ("state", "=", "closed")],
                order="month desc",
                limit=1,
            ).month
            month = (
                last_closed + relativedelta(months=1)
                if last_closed
                else this_month - relativedelta(months=1)
            )
            while month <= this_month:
                self._snapshot_month(month, company)
                month += relativedelta(months=1)
            # The previous month stays open for late answers until the grace day.
            close_before = (
                this_month
                if today.day > grace
                else (this_month - relativedelta(months=1))
            )
            self._close_months(close_before, company)
            _logger.info("KPI snapshots of %s up to %s", company.name, this_month)

    def action_recompute(self):
        """Managers recompute the open months of the selected snapshots."""
        if not self.env.user.has_group("service_quality.group_service_manager"):
            raise AccessError(self.env._("Only service managers can recompute KPIs."))
        if self.filtered(lambda s: s.state == "closed"):
            raise UserError(
                self.env._("Closed months are frozen and cannot be recomputed.")
            )
        for month, company in {(s.month, s.company_id) for s in self}:
            self._snapshot_month(month, company)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    @api.model
    def action_recompute_current(self):
        """Menu button: recompute the current month for the user's companies."""
        if not self.env.user.has_group("service_quality.group_service_manager"):
            raise AccessError(self.env._("Only service managers can recompute KPIs."))
        for company in self.env.companies:
            month = self._company_today(company).replace(day=1)
            self._snapshot_month(month, company)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _demo_history(self, months=11, seed=2026):
        """Demo only: a year of closed complaints (so that trends have a
        past) and the snapshots of the past months, closed like the cron
        would have left them."""
        history = self.env["service.complaint"]._demo_kpi_history(months, seed)
        today = fields.Date.context_today(self)
        this_month = today.replace(day=1)
        company = self.env.ref("base.main_company")
        for back in range(months, -1, -1):
            self._snapshot_month(this_month - relativedelta(months=back), company)
        self._close_months(this_month - relativedelta(months=1), company)
        return history
