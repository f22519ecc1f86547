# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_expectation_gap_ids = fields.One2many(
        "service.expectation.gap",
        "partner_id",
        string="Expectation Gaps",
        groups="service_quality.group_service_user",
    )
    service_expectation_form_count = fields.Integer(
        compute="_compute_service_expectation_form_count",
        string="Expectation Forms",
        groups="service_quality.group_service_user",
    )

    def _compute_service_expectation_form_count(self):
        counts = dict(
            self.env["service.expectation.form"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                groupby=["commercial_partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.service_expectation_form_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_service_opinion_card(self):
        """Open the opinion card with a token of its own for this customer, so
        that the answers are linked to them (the card stays public for
        anybody else)."""
        self.ensure_one()
        user_input = self.env["survey.user_input"].sudo()._service_opinion_input(self)
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            "url": user_input.get_start_url(),
        }

    def action_view_service_expectation_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "survey_extension.service_expectation_form_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {"default_partner_id": self.id}
        return action
