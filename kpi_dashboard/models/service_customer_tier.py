# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ServiceCustomerTier(models.Model):
    _inherit = "service.customer.tier"

    count_as_active = fields.Boolean(
        string="Active Customers",
        default=True,
        help="Customers of this tier count as active customers in the complaint "
        "rate (complaints per 100 active customers). Uncheck it for inactive "
        "customers and prospects.",
    )
