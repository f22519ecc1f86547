# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    @api.constrains("value_scale", "value_numerical_box", "question_id", "answer_type")
    def _check_service_range(self):
        for line in self.filtered(lambda li: li.question_id.service_measure):
            bounds = line._service_bounds()
            if not bounds:
                continue
            value = (
                line.value_scale
                if line.answer_type == "scale"
                else line.value_numerical_box
            )
            low, high = bounds
            if not low <= value <= high:
                raise ValidationError(
                    _(
                        "The answer %(value)s to %(question)s is out of range: it "
                        "must be between %(low)s and %(high)s.",
                        value=value,
                        question=line.question_id.title,
                        low=low,
                        high=high,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.user_input_id._service_refresh_scores()
        return lines

    def write(self, vals):
        res = super().write(vals)
        self.user_input_id._service_refresh_scores()
        return res

    def unlink(self):
        inputs = self.user_input_id
        res = super().unlink()
        inputs.exists()._service_refresh_scores()
        return res

    def _service_bounds(self):
        """(minimum, maximum) of a scale or numerical answer, else None."""
        self.ensure_one()
        question = self.question_id
        if self.answer_type == "scale":
            return question.scale_min, question.scale_max
        if self.answer_type == "numerical_box" and question.validation_required:
            return (
                question.validation_min_float_value,
                question.validation_max_float_value,
            )
        return None

    def _service_score(self):
        """(value 0-100, native value, native maximum, satisfaction level) of
        the answer, or None when it cannot be scored."""
        self.ensure_one()
        if self.answer_type == "suggestion" and self.suggested_answer_id:
            return self.suggested_answer_id._service_score()
        bounds = self._service_bounds()
        if not bounds or bounds[1] <= bounds[0]:
            return None
        low, high = bounds
        native = (
            self.value_scale
            if self.answer_type == "scale"
            else self.value_numerical_box
        )
        value = (native - low) / (high - low) * 100.0
        return value, native, high, self.env["service.satisfaction.level"]
