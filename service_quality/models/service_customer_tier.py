# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ServiceCustomerTier(models.Model):
    """A level of the customer pyramid (客户分级): top, large, medium, ..."""

    _name = "service.customer.tier"
    _description = "Customer Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Position in the customer pyramid, the top tier first."
    )
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers")

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("service_tier_id", "in", self.ids), ("is_company", "=", True)],
                groupby=["service_tier_id"],
                aggregates=["__count"],
            )
        )
        for tier in self:
            tier.partner_count = counts.get(tier, 0)

    def action_view_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "base.action_partner_form"
        )
        action["domain"] = [("service_tier_id", "=", self.id)]
        action["context"] = {"default_service_tier_id": self.id}
        return action
