# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_promise_bottom_line = fields.Text(
        string="Promises: Bottom Line",
        help="What staff may not promise customers (the company's bottom line). "
        "Shown on every new promise.",
    )
