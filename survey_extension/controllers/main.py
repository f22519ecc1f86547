# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.survey.controllers.main import Survey


class ServiceSurvey(Survey):
    @http.route()
    def survey_submit(self, survey_token, answer_token, **post):
        """A double click on the last page sends two submits at once. The
        answer's row is locked first, so the second waits for the first to
        commit (PostgreSQL then makes Odoo retry it on fresh data) instead of
        racing it into the scores' unique index; a submit of an answer
        already done gets the thank-you page again, as the customer expects,
        and changes nothing."""
        request.env.cr.execute(
            SQL(
                "SELECT state FROM survey_user_input WHERE access_token = %s "
                "FOR NO KEY UPDATE",
                answer_token,
            )
        )
        row = request.env.cr.fetchone()
        if row and row[0] == "done":
            access_data = self._get_access_data(
                survey_token, answer_token, ensure_token=True
            )
            if access_data["validity_code"] is True:
                return {}, self._prepare_question_html(
                    access_data["survey_sudo"], access_data["answer_sudo"]
                )
        return super().survey_submit(survey_token, answer_token, **post)
