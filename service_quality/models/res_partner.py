# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_tier_id = fields.Many2one(
        "service.customer.tier",
        string="Customer Tier",
        index=True,
        tracking=True,
        help="Level of the customer in the customer pyramid (客户分级). Set on the "
        "company; its contacts share it.",
    )
    service_complaint_count = fields.Integer(
        compute="_compute_service_complaint_count",
        string="Complaints",
        groups="service_quality.group_service_user",
    )

    @api.model
    def _commercial_fields(self):
        # The tier belongs to the commercial entity and is synced to its contacts.
        return super()._commercial_fields() + ["service_tier_id"]

    def _compute_service_complaint_count(self):
        counts = dict(
            self.env["service.complaint"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                groupby=["commercial_partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.service_complaint_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_view_service_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_complaint_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {"default_partner_id": self.id}
        return action
