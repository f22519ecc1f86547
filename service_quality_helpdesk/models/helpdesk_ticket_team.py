# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    service_team_id = fields.Many2one(
        "service.team",
        string="Service Team",
        index=True,
        help="The service team this helpdesk team's tickets count for in the "
        "KPIs, appraisals and survey scores.",
    )
    # Same field as Helpdesk SLA's: one calendar per team for both.
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        help="Working hours the ticket deadlines are counted in; when empty, "
        "those of the service standard, else of the company.",
    )
