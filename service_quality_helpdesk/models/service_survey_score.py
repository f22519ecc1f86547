# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ServiceSurveyScore(models.Model):
    _inherit = "service.survey.score"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", index=True, ondelete="set null"
    )
