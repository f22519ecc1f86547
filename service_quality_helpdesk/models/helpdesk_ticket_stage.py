# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    service_waiting_customer = fields.Boolean(
        string="Waiting on Customer",
        help="Tickets in this stage wait on the customer: the resolution clock "
        "stops until they answer or the ticket moves on.",
    )
    service_cancelled = fields.Boolean(
        string="Cancelled",
        help="A closed stage for tickets that are not resolved (cancelled, "
        "rejected, duplicates): they get no deadline status and count in no "
        "service KPI.",
    )
    service_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey",
        domain=[("service_kind", "!=", False)],
        help="Survey the customer is invited to when a ticket enters this stage "
        "(once per ticket and survey).",
    )
