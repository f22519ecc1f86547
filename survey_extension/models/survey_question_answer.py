# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    satisfaction_level_id = fields.Many2one(
        "service.satisfaction.level",
        string="Satisfaction Level",
        ondelete="restrict",
        help="Level of the satisfaction scale this choice stands for.",
    )
    service_value = fields.Float(
        string="Service Score",
        digits=(16, 2),
        help="Value of this choice on the 0-100 scale, used when the choice has no "
        "satisfaction level (e.g. Yes = 100, No = 0 for first-contact resolution).",
    )

    @api.constrains("service_value")
    def _check_service_value(self):
        for answer in self:
            if not 0 <= answer.service_value <= 100:
                raise ValidationError(
                    _(
                        "The service score of the choice %(choice)s must be between "
                        "0 and 100.",
                        choice=answer.value,
                    )
                )

    def _service_score(self):
        """(value 0-100, native value, native maximum, level) of this choice."""
        self.ensure_one()
        level = self.satisfaction_level_id
        if level:
            rank, count = level._rank()
            return level.value, rank, count, level
        return self.service_value, self.service_value, 100.0, level
