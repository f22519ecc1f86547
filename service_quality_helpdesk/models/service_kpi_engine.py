# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL


class ServiceKpiEngine(models.AbstractModel):
    _inherit = "service.kpi.engine"

    @api.model
    def _kpi_sources(self):
        """Helpdesk tickets feed the complaint figures (counts, deadlines,
        response and resolution times, backlog); the context key
        ``kpi_sources`` selects ``["complaint"]``, ``["ticket"]`` or both."""
        sources = super()._kpi_sources()
        sources["ticket"] = {
            "model": "helpdesk.ticket",
            "feeds": "complaint",
            "from": "helpdesk_ticket t",
            "where": self._kpi_where_ticket,
            "columns": {
                "date_received": "t.service_date_received",
                # Helpdesk keeps the closing date of a reopened ticket.
                "date_closed": "CASE WHEN t.service_is_closed THEN t.closed_date END",
            },
            "cuts": {
                "company": "t.company_id",
                "team": "t.service_team_id",
                "agent": "t.user_id",
                "tier": "t.service_tier_id",
                "service_type": "t.service_type_id",
                "channel": None,
                "dimension": None,
            },
        }
        return sources

    @api.model
    def _kpi_where_ticket(self):
        # Cancelled and rejected tickets are no cases, like cancelled
        # complaints.
        cancelled = (
            self.env["helpdesk.ticket.stage"]
            .with_context(active_test=False)
            .search([("service_cancelled", "=", True)])
        )
        return SQL(
            "t.service_date_received IS NOT NULL AND t.stage_id != ALL(%s::int[])",
            cancelled.ids,
        )
