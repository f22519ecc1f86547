# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    service_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", index=True, ondelete="set null"
    )

    def write(self, vals):
        res = super().write(vals)
        # A change of ticket changes the scores' context, as for complaints.
        if "service_ticket_id" in vals and not self.env.context.get(
            "service_no_rescore"
        ):
            self._service_refresh_scores()
        return res

    def _service_score_base_values(self):
        """The scores of a ticket's survey count for its service team, agent,
        customer tier and service type."""
        values = super()._service_score_base_values()
        ticket = self.service_ticket_id
        if not ticket:
            return values
        partner = self.partner_id.commercial_partner_id or ticket.commercial_partner_id
        values.update(
            ticket_id=ticket.id,
            company_id=(self.service_company_id or ticket.company_id).id,
            partner_id=partner.id,
            tier_id=(partner.service_tier_id or ticket.service_tier_id).id,
            team_id=(self.service_team_id or ticket.team_id.service_team_id).id,
            user_id=(self.service_agent_id or ticket.user_id).id,
            service_type_id=ticket.service_type_id.id,
        )
        return values
