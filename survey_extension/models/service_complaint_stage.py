# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ServiceComplaintStage(models.Model):
    _inherit = "service.complaint.stage"

    survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey",
        domain=[("service_kind", "=", "csat")],
        help="Survey sent to the customer when a complaint enters this stage "
        "(once per complaint).",
    )
