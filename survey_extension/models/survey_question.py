# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

SERVICE_MEASURES = [
    ("satisfaction", "Overall satisfaction"),
    ("nps", "Likelihood to recommend (NPS)"),
    ("fcr", "Solved on first contact"),
    ("dimension", "Dimension rating"),
    ("importance", "Dimension importance"),
]
SCORED_TYPES = ("simple_choice", "scale", "numerical_box")


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    service_measure = fields.Selection(
        SERVICE_MEASURES,
        help="What the answer to this question measures. Answers of tagged "
        "questions are normalised to 0-100 and stored as scores.",
    )
    dimension_id = fields.Many2one(
        "service.quality.dimension",
        string="Quality Dimension",
        index=True,
        ondelete="restrict",
        help="The service-quality dimension rated by this question.",
    )

    @api.constrains("service_measure", "dimension_id", "question_type")
    def _check_service_measure(self):
        for question in self.filtered("service_measure"):
            if question.question_type not in SCORED_TYPES:
                raise ValidationError(
                    _(
                        "The question %(question)s measures a service score: it must "
                        "be a single choice, a scale or a numerical question.",
                        question=question.title,
                    )
                )
            if (
                question.service_measure in ("dimension", "importance")
                and not question.dimension_id
            ):
                raise ValidationError(
                    _(
                        "The question %(question)s rates a dimension: choose the "
                        "quality dimension.",
                        question=question.title,
                    )
                )
            if (
                question.question_type == "numerical_box"
                and not question.validation_required
            ):
                raise ValidationError(
                    _(
                        "The numerical question %(question)s measures a service "
                        "score: set its minimum and maximum values.",
                        question=question.title,
                    )
                )

    def action_service_use_satisfaction_scale(self):
        """Make the choices of a satisfaction question the levels of the
        company's satisfaction scale."""
        Level = self.env["service.satisfaction.level"]
        for question in self:
            if (
                self.env["survey.user_input.line"]
                .sudo()
                .search_count([("question_id", "=", question.id)], limit=1)
            ):
                raise UserError(
                    _(
                        "The question %(question)s already has answers: its choices "
                        "cannot be replaced.",
                        question=question.title,
                    )
                )
            levels = Level.search(
                [("scale", "=", self.env.company.service_satisfaction_scale)],
                order="sequence, id",
            )
            question.write(
                {
                    "question_type": "simple_choice",
                    "service_measure": "satisfaction",
                    "suggested_answer_ids": [
                        Command.delete(answer.id)
                        for answer in question.suggested_answer_ids
                    ]
                    + [
                        Command.create(
                            {
                                "value": level.name,
                                "sequence": level.sequence,
                                "satisfaction_level_id": level.id,
                            }
                        )
                        for level in levels
                    ],
                }
            )
        return True
