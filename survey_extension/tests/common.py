# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.service_quality.tests.common import ServiceQualityCommon


class SurveyExtensionCommon(ServiceQualityCommon):
    """The shipped surveys and a way to answer them as a customer would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.csat = ref("survey_extension.survey_csat")
        cls.q_satisfaction = ref("survey_extension.csat_satisfaction")
        cls.q_fcr = ref("survey_extension.csat_fcr")
        cls.q_nps = ref("survey_extension.csat_nps")
        cls.q_comment = ref("survey_extension.csat_comment")
        cls.level = {
            code: ref(f"survey_extension.csat_satisfaction_{code}")
            for code in ("very_satisfied", "satisfied", "neutral", "dissatisfied")
        }
        cls.fcr_yes = ref("survey_extension.csat_fcr_yes")
        cls.fcr_no = ref("survey_extension.csat_fcr_no")
        cls.dimension = {
            code: ref(f"survey_extension.dimension_{code}")
            for code in (
                "tangibles",
                "reliability",
                "responsiveness",
                "assurance",
                "empathy",
            )
        }
        cls.contact.email = "owner@example.com"

    @classmethod
    def start(cls, survey, partner=None, **values):
        return survey.sudo()._create_answer(
            partner=partner or cls.contact, check_attempts=False, **values
        )

    @classmethod
    def answer(cls, user_input, answers, submit=True):
        """Save ``answers`` ({question: value}) as the survey controller does,
        then submit."""
        for question, value in answers.items():
            if hasattr(value, "_name"):  # a suggested answer
                value = str(value.id)
            elif isinstance(value, int):  # posted form values are strings
                value = str(value)
            user_input._save_lines(question, value)
        if submit:
            user_input._mark_done()
        return user_input

    def scores(self, user_input, measure=None):
        domain = [("user_input_id", "=", user_input.id)]
        if measure:
            domain.append(("measure", "=", measure))
        return self.env["service.survey.score"].search(domain, order="id")
