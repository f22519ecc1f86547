# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_order_complaint_count = fields.Integer(
        string="Order Complaints",
        compute="_compute_service_order_complaint_count",
        compute_sudo=True,
    )

    def _compute_service_order_complaint_count(self):
        counts = dict(
            self.env["service.complaint"]._read_group(
                [
                    ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                    ("sale_order_id", "!=", False),
                ],
                groupby=["commercial_partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.service_order_complaint_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_view_service_order_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_complaint_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id),
            ("sale_order_id", "!=", False),
        ]
        action["context"] = {"search_default_group_sale_order": 1}
        return action
