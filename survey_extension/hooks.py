# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.service_quality.hooks import uninstall_hook as _service_quality_hook


def keep_answered_surveys(env):
    """The shipped surveys leave with the addon, except those customers have
    answered: their answers are the user's data (and would go with the
    survey), so the survey, its questions and choices stay, as the user's
    own records, without their identifiers of the addon."""
    Data = env["ir.model.data"]
    owned = Data.search(
        [("module", "=", "survey_extension"), ("model", "=", "survey.survey")]
    )
    surveys = env["survey.survey"].browse(owned.mapped("res_id")).exists()
    answered = surveys.filtered(
        lambda survey: env["survey.user_input"]
        .sudo()
        .search_count([("survey_id", "=", survey.id)], limit=1)
    )
    if not answered:
        return
    questions = answered.with_context(active_test=False).question_and_page_ids
    choices = questions.suggested_answer_ids | questions.matrix_row_ids
    kept = {
        "survey.survey": answered.ids,
        "survey.question": questions.ids,
        "survey.question.answer": choices.ids,
    }
    for model, ids in kept.items():
        Data.search(
            [
                ("module", "=", "survey_extension"),
                ("model", "=", model),
                ("res_id", "in", ids),
            ]
        ).unlink()


def uninstall_hook(env):
    keep_answered_surveys(env)
    _service_quality_hook(env)
