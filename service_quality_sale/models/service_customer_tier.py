# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ServiceCustomerTier(models.Model):
    _inherit = "service.customer.tier"

    sale_expectation_form = fields.Boolean(
        string="Expectation Form Before Delivery",
        help="Confirming a sales order of a customer of this tier creates an "
        "expectation form (客户期望表) for the order, to be filled with the "
        "customer before delivery by someone other than the salesperson.",
    )
    sale_reviewer_id = fields.Many2one(
        "res.users",
        string="Expectation Reviewer",
        domain=[("share", "=", False)],
        help="Reviewer of this tier's expectation forms; empty: the company's.",
    )

    @api.constrains("sale_reviewer_id")
    def _check_sale_reviewer(self):
        self.sale_reviewer_id._check_service_expectation_reviewer()
