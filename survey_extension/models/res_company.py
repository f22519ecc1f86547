# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .service_satisfaction_level import SATISFACTION_SCALES


class ResCompany(models.Model):
    _inherit = "res.company"

    service_satisfaction_scale = fields.Selection(
        SATISFACTION_SCALES,
        string="Satisfaction Scale",
        default="4",
        required=True,
        help="Scale of the overall-satisfaction question of the surveys.",
    )
    service_gap_threshold = fields.Float(
        string="Gap Alert Threshold",
        default=15.0,
        help="A perception that falls short of the expectation by more than these "
        "points (on the 0-100 scale) raises an activity for the account owner.",
    )

    @api.constrains("service_gap_threshold")
    def _check_service_gap_threshold(self):
        for company in self:
            if not 0 <= company.service_gap_threshold <= 100:
                raise ValidationError(
                    _("The gap alert threshold must be between 0 and 100 points.")
                )
