# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "sq_browser")
class TestSurveyTour(HttpCase):
    def test_customer_answers_the_satisfaction_survey(self):
        env = self.env(context=dict(self.env.context, lang="en_US"))
        csat = env.ref("survey_extension.survey_csat")
        partner = env["res.partner"].create(
            {"name": "Tour Customer", "email": "tour.customer@example.com"}
        )
        complaint = env["service.complaint"].create(
            {"name": "Tour: the printer jams", "partner_id": partner.id}
        )
        complaint.write(
            {
                "solution": "<p>Cleaned the rollers.</p>",
                "root_cause_id": env["service.root.cause"].create({"name": "Dust"}).id,
            }
        )
        complaint.write({"stage_id": env.ref("service_quality.stage_closed").id})
        invitation = env["survey.user_input"].search(
            [("service_complaint_id", "=", complaint.id)]
        )
        self.assertEqual(invitation.survey_id, csat)
        self.start_tour(
            f"/survey/start/{csat.access_token}?answer_token={invitation.access_token}",
            "survey_extension_csat_tour",
        )
        invitation.invalidate_recordset()
        self.assertEqual(invitation.state, "done")
        scores = env["service.survey.score"].search(
            [("user_input_id", "=", invitation.id)]
        )
        self.assertEqual(
            {score.measure: score.value for score in scores},
            {"satisfaction": 33.33, "fcr": 100.0, "nps": 90.0},
        )
        self.assertTrue(all(score.complaint_id == complaint for score in scores))

    def test_anonymous_visitor_answers_the_opinion_card(self):
        env = self.env(context=dict(self.env.context, lang="en_US"))
        card = env.ref("survey_extension.survey_opinion")
        before = env["survey.user_input"].search([("survey_id", "=", card.id)])
        self.start_tour(
            f"/survey/start/{card.access_token}", "survey_extension_opinion_tour"
        )
        answer = env["survey.user_input"].search(
            [("survey_id", "=", card.id), ("id", "not in", before.ids)]
        )
        self.assertEqual(answer.state, "done")
        self.assertFalse(answer.partner_id)
        self.assertIn(
            "Open on Saturdays.", answer.user_input_line_ids.mapped("value_text_box")
        )
        score = env["service.survey.score"].search([("user_input_id", "=", answer.id)])
        self.assertRecordValues(
            score,
            [
                {
                    "service_kind": "opinion",
                    "measure": "satisfaction",
                    "value": 0.0,
                    "is_satisfied": False,
                }
            ],
        )
