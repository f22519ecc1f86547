# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SurveyExtensionCommon


class TestSurveySecurity(SurveyExtensionCommon):
    def test_users_see_scores_of_their_teams_managers_all(self):
        complaint = self.create_complaint()
        user_input = self.answer(
            self.start(
                self.csat,
                service_complaint_id=complaint.id,
                service_team_id=self.team.id,
                service_agent_id=self.agent.id,
            ),
            {self.q_nps: 9},
        )
        score = self.scores(user_input)
        Score = self.env["service.survey.score"]
        domain = [("id", "=", score.id)]
        self.assertEqual(Score.with_user(self.agent).search(domain), score)
        self.assertEqual(Score.with_user(self.leader).search(domain), score)
        self.assertEqual(Score.with_user(self.manager).search(domain), score)
        self.assertFalse(Score.with_user(self.other_agent).search(domain))

    def test_expectation_forms_of_other_teams_are_hidden(self):
        form = self.env["service.expectation.form"].create(
            {
                "partner_id": self.contact.id,
                "user_id": self.agent.id,
                "team_id": self.team.id,
            }
        )
        Form = self.env["service.expectation.form"]
        self.assertEqual(
            Form.with_user(self.agent).search([("id", "=", form.id)]), form
        )
        self.assertFalse(
            Form.with_user(self.other_agent).search([("id", "=", form.id)])
        )
        self.assertEqual(
            Form.with_user(self.manager).search([("id", "=", form.id)]), form
        )

    def test_other_company_scores_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        user_input = self.answer(
            self.start(self.csat, service_company_id=other_company.id),
            {self.q_nps: 9},
        )
        score = self.scores(user_input)
        self.assertEqual(score.company_id, other_company)
        self.assertFalse(
            self.env["service.survey.score"]
            .with_user(self.manager)
            .search([("id", "=", score.id)])
        )

    def test_portal_customer_reaches_scores_only_through_survey_tokens(self):
        portal = new_test_user(
            self.env,
            login="sq_portal_customer",
            groups="base.group_portal",
            partner_id=self.contact.id,
        )
        user_input = self.answer(self.start(self.csat), {self.q_nps: 9})
        with self.assertRaises(AccessError):
            self.scores(user_input).with_user(portal).read(["value"])
        with self.assertRaises(AccessError):
            self.env["service.expectation.form"].with_user(portal).search([])

    def test_partner_opinion_card_token_is_the_customers_own(self):
        action = self.contact.with_user(self.agent).action_service_opinion_card()
        card = self.env["survey.user_input"].search(
            [
                ("partner_id", "=", self.contact.id),
                ("survey_id", "=", self.env.ref("survey_extension.survey_opinion").id),
            ]
        )
        self.assertEqual(len(card), 1)
        self.assertIn(f"answer_token={card.access_token}", action["url"])
        # The same pending card is reused; another customer gets their own.
        self.contact.action_service_opinion_card()
        self.assertEqual(
            self.env["survey.user_input"].search_count(
                [
                    ("partner_id", "=", self.contact.id),
                    ("survey_id", "=", card.survey_id.id),
                ]
            ),
            1,
        )
        other = self.top_customer.action_service_opinion_card()
        self.assertNotIn(card.access_token, other["url"])
        self.answer(
            card,
            {
                self.env.ref("survey_extension.opinion_satisfaction"): self.env.ref(
                    "survey_extension.opinion_satisfaction_very_satisfied"
                )
            },
        )
        self.assertRecordValues(
            self.scores(card),
            [
                {
                    "service_kind": "opinion",
                    "partner_id": self.customer.id,
                    "value": 100.0,
                }
            ],
        )

    def test_satisfaction_question_takes_the_company_scale(self):
        survey = self.env["survey.survey"].create({"title": "Scale"})
        question = self.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "title": "Happy?",
                "question_type": "simple_choice",
            }
        )
        self.company.service_satisfaction_scale = "5"
        question.action_service_use_satisfaction_scale()
        self.assertEqual(question.service_measure, "satisfaction")
        self.assertEqual(
            question.suggested_answer_ids.satisfaction_level_id.mapped("value"),
            [100.0, 75.0, 50.0, 25.0, 0.0],
        )
        self.answer(self.start(survey), {question: question.suggested_answer_ids[1]})
        with self.assertRefused(UserError, "already has answers"):
            question.action_service_use_satisfaction_scale()


@tagged("post_install", "-at_install")
class TestOpinionCardAccess(HttpCase):
    def test_anonymous_answers_the_opinion_card(self):
        card = self.env.ref("survey_extension.survey_opinion")
        self.assertEqual(card.access_mode, "public")
        self.assertIn(card.access_token, card.service_public_url)
        self.assertIn("barcode_type=QR", card.service_qr_code)
        qr = self.url_open(
            f"/report/barcode/?barcode_type=QR&width=180&height=180"
            f"&value={card.service_public_url}"
        )
        self.assertEqual(qr.headers["Content-Type"], "image/png")
        before = self.env["survey.user_input"].search_count(
            [("survey_id", "=", card.id)]
        )
        response = self.url_open(f"/survey/start/{card.access_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Customer opinion card", response.text)
        self.assertEqual(
            self.env["survey.user_input"].search_count([("survey_id", "=", card.id)]),
            before + 1,
        )

    def test_a_customer_token_never_opens_another_customers_answers(self):
        csat = self.env.ref("survey_extension.survey_csat")
        comment = self.env.ref("survey_extension.csat_comment")
        Partner = self.env["res.partner"]
        alice, bob = Partner.create(
            [
                {"name": "Alice", "email": "alice@example.com"},
                {"name": "Bob", "email": "bob@example.com"},
            ]
        )
        answers = {}
        for partner, text in (
            (alice, "Alice secret remark"),
            (bob, "Bob secret remark"),
        ):
            user_input = csat.sudo()._create_answer(
                partner=partner, check_attempts=False
            )
            user_input._save_lines(comment, text)
            user_input._mark_done()
            answers[partner] = user_input
        page = self.url_open(
            f"/survey/print/{csat.access_token}?answer_token={answers[alice].access_token}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("Alice secret remark", page.text)
        self.assertNotIn("Bob secret remark", page.text)
        forged = self.url_open(
            f"/survey/print/{csat.access_token}?answer_token=not-a-real-token"
        )
        self.assertNotIn("Bob secret remark", forged.text)
        self.assertNotIn("Alice secret remark", forged.text)

    def test_second_submit_of_the_last_page_shows_thanks_and_scores_once(self):
        survey = self.env.ref("survey_extension.survey_csat")
        partner = self.env["res.partner"].create(
            {"name": "Double Clicker", "email": "double.click@example.com"}
        )
        user_input = survey.sudo()._create_answer(partner=partner, check_attempts=False)
        user_input._mark_in_progress()
        ref = self.env.ref
        post = {
            str(ref("survey_extension.csat_satisfaction").id): str(
                ref("survey_extension.csat_satisfaction_satisfied").id
            ),
            str(ref("survey_extension.csat_fcr").id): str(
                ref("survey_extension.csat_fcr_yes").id
            ),
            str(ref("survey_extension.csat_nps").id): "9",
        }
        url = f"/survey/submit/{survey.access_token}/{user_input.access_token}"
        first = self.make_jsonrpc_request(url, post)
        self.assertEqual(user_input.state, "done")
        scores = self.env["service.survey.score"].search(
            [("user_input_id", "=", user_input.id)]
        )
        self.assertEqual(len(scores), 3)
        second = self.make_jsonrpc_request(
            url, {**post, str(ref("survey_extension.csat_nps").id): "2"}
        )
        # The same thank-you page, not an error
        self.assertNotIn("error", second[1])
        self.assertEqual(
            second[1].get("survey_content"), first[1].get("survey_content")
        )
        self.assertEqual(
            self.env["service.survey.score"].search(
                [("user_input_id", "=", user_input.id)]
            ),
            scores,
        )
        nps = scores.filtered(lambda score: score.measure == "nps")
        self.assertEqual(nps.native_value, 9)
