# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

SERVICE_KINDS = [
    ("csat", "Complaint satisfaction"),
    ("opinion", "Opinion card"),
    ("tracking", "Tracking survey"),
    ("expectation", "Expectation form"),
    ("perception", "Perception survey"),
]


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    service_kind = fields.Selection(
        SERVICE_KINDS,
        string="Service Survey Kind",
        index=True,
        help="What the survey measures for service quality. Answers of a survey "
        "with a kind produce the scores the KPIs aggregate.",
    )
