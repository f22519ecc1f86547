# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_helpdesk_survey = fields.Selection(
        related="company_id.service_helpdesk_survey", readonly=False
    )
