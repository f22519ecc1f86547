# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import quote_plus

from markupsafe import Markup

from odoo import api, fields, models

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
    service_public_url = fields.Char(
        string="Public Link",
        compute="_compute_service_public_url",
        help="Link anyone can open without login (public surveys only).",
    )
    service_qr_code = fields.Html(
        string="QR Code",
        compute="_compute_service_public_url",
        sanitize=False,
        help="Print it on the opinion card, the counter or the invoice.",
    )

    @api.depends("access_mode", "access_token")
    def _compute_service_public_url(self):
        for survey in self:
            if survey.access_mode != "public" or not survey.access_token:
                survey.service_public_url = False
                survey.service_qr_code = False
                continue
            url = survey.get_base_url() + survey.get_start_url()
            survey.service_public_url = url
            survey.service_qr_code = Markup(
                '<img alt="QR" width="180" height="180" '
                'src="/report/barcode/?barcode_type=QR&amp;width=180&amp;height=180'
                '&amp;value=%s"/>'
            ) % quote_plus(url)
