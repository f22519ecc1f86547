# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    service_type_id = fields.Many2one(
        "service.type",
        string="Service Type",
        index=True,
        help="The service type of the tickets of this category: it selects the "
        "service standard, hence their deadlines.",
    )
