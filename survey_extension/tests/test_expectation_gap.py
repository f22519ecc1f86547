# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form

from .common import SurveyExtensionCommon


class TestExpectationGap(SurveyExtensionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.form = cls.env["service.expectation.form"].create(
            {
                "partner_id": cls.contact.id,
                "user_id": cls.agent.id,
                "team_id": cls.team.id,
            }
        )

    def q(self, xmlid):
        return self.env.ref(f"survey_extension.{xmlid}")

    def fill_expectation(self):
        # Importance 5, 3, 2 -> 100, 50, 25; expected 4, 5, 3 -> 75, 100, 50.
        self.form.action_send_expectation()
        self.answer(
            self.form.expectation_input_id,
            {
                self.q("expectation_tangibles_importance"): 5,
                self.q("expectation_tangibles_level"): 4,
                self.q("expectation_reliability_importance"): 3,
                self.q("expectation_reliability_level"): 5,
                self.q("expectation_responsiveness_importance"): 2,
                self.q("expectation_responsiveness_level"): 3,
                self.q("expectation_must_go_right"): "Deliver on Monday.",
            },
        )

    def fill_perception(self, reliability=3):
        # Perceived 4, 3, 4 -> 75, 50, 75.
        self.form.action_send_perception()
        self.answer(
            self.form.perception_input_id,
            {
                self.q("perception_tangibles"): 4,
                self.q("perception_reliability"): reliability,
                self.q("perception_responsiveness"): 4,
            },
        )

    def gap_activities(self):
        return self.form.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("survey_extension.mail_activity_expectation_gap")
        )

    def test_workflow_and_gaps_on_hand_computed_numbers(self):
        self.assertEqual(self.form.state, "draft")
        self.assertEqual(self.form.name, "Expectations of Small Shop Ltd, Shop Owner")
        with self.assertRefused(UserError, "only be sent once the customer"):
            self.form.action_send_perception()
        self.fill_expectation()
        self.assertEqual(self.form.state, "expectation_done")
        self.assertEqual(self.form.expectation_note, "Deliver on Monday.")
        self.assertRecordValues(
            self.form.gap_ids,
            [
                {
                    "dimension_id": self.dimension[code].id,
                    "expectation": expectation,
                    "importance": importance,
                    "has_perception": False,
                    "gap": 0.0,
                }
                for code, importance, expectation in (
                    ("tangibles", 100.0, 75.0),
                    ("reliability", 50.0, 100.0),
                    ("responsiveness", 25.0, 50.0),
                )
            ],
        )
        # Not perceived yet: NULL in the database, so SQL averages skip it.
        self.env.cr.execute(
            "SELECT count(*) FROM service_expectation_gap "
            "WHERE form_id = %s AND perception IS NULL",
            [self.form.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 3)
        self.fill_perception()
        self.assertEqual(self.form.state, "done")
        self.assertEqual(
            self.form.date_perception, self.form.perception_input_id.end_datetime
        )
        # Stated weights: importance / (100 + 50 + 25).
        self.assertRecordValues(
            self.form.gap_ids,
            [
                {
                    "dimension_id": self.dimension["tangibles"].id,
                    "perception": 75.0,
                    "gap": 0.0,
                    "weight": 100 / 175,
                    "weighted_score": 0.0,
                    "has_perception": True,
                },
                {
                    "dimension_id": self.dimension["reliability"].id,
                    "perception": 50.0,
                    "gap": -50.0,
                    "weight": 50 / 175,
                    "weighted_score": -50 * 50 / 175,
                    "has_perception": True,
                },
                {
                    "dimension_id": self.dimension["responsiveness"].id,
                    "perception": 75.0,
                    "gap": 25.0,
                    "weight": 25 / 175,
                    "weighted_score": 25 * 25 / 175,
                    "has_perception": True,
                },
            ],
        )
        self.assertAlmostEqual(self.form.weighted_score, -1875 / 175, places=2)
        gap = self.form.gap_ids[1]
        self.assertEqual(gap.partner_id, self.customer)
        self.assertEqual(gap.tier_id, self.tier_small)
        self.assertEqual(gap.team_id, self.team)
        self.assertEqual(gap.user_id, self.agent)
        self.assertIn(gap, self.customer.service_expectation_gap_ids)

    def test_staff_fills_the_form_with_the_customer_or_mails_it(self):
        action = self.form.with_user(self.agent).action_fill_expectation()
        user_input = self.form.expectation_input_id
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(user_input.access_token, action["url"])
        self.assertEqual(self.form.state, "expectation_sent")
        self.assertRecordValues(
            user_input,
            [
                {
                    "partner_id": self.contact.id,
                    "service_kind": "expectation",
                    "service_expectation_form_id": self.form.id,
                    "service_team_id": self.team.id,
                    "service_agent_id": self.agent.id,
                }
            ],
        )
        # Mailing it afterwards reuses the same answer: one token per side.
        self.form.action_send_expectation()
        self.assertEqual(self.form.expectation_input_id, user_input)
        # (demo data may hold other invitations: look at this answer's)
        mail = self.env["mail.mail"].search(
            [
                ("subject", "=", "Participate to Customer expectation form survey"),
                ("body_html", "ilike", user_input.access_token),
            ]
        )
        self.assertEqual(len(mail), 1)

    def test_derived_weight_source_uses_the_dimension_weight(self):
        reliability = self.dimension["reliability"]
        reliability.write({"weight_source": "derived", "derived_weight": 0.4})
        self.assertEqual(reliability.weight, 0.4)
        self.fill_expectation()
        self.fill_perception()
        gap = self.form.gap_ids.filtered(lambda g: g.dimension_id == reliability)
        self.assertAlmostEqual(gap.weight, 0.4)
        self.assertAlmostEqual(gap.weighted_score, -20.0)

    def test_negative_gap_beyond_threshold_alerts_the_owner_once(self):
        self.company.service_gap_threshold = 15.0
        self.fill_expectation()
        self.assertFalse(self.gap_activities())
        self.fill_perception()
        activity = self.gap_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.agent)
        self.assertIn("Reliability", activity.note)
        self.assertNotIn("Tangibles", activity.note)
        # The customer corrects an answer: the gaps follow, no second alert.
        self.answer(
            self.form.perception_input_id, {self.q("perception_reliability"): 2}
        )
        reliability = self.form.gap_ids.filtered(
            lambda g: g.dimension_id == self.dimension["reliability"]
        )
        self.assertEqual(reliability.gap, -75.0)
        self.assertEqual(len(self.gap_activities()), 1)

    def test_gap_alert_in_the_owners_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["survey_extension"], ["zh_CN"])
        self.agent.lang = "zh_CN"
        self.company.service_gap_threshold = 15.0
        self.fill_expectation()
        self.fill_perception()
        activity = self.gap_activities()
        self.assertEqual(activity.summary, "期望差距：在客户投诉前采取行动")
        self.assertIn("Small Shop Ltd 感知到的服务低于其期望", activity.note)
        self.assertNotIn("expected", activity.note)

    def test_generated_name_in_the_companys_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.company.partner_id.lang = "zh_CN"
        # created by an English-speaking user, named for the Chinese team
        form = (
            self.env["service.expectation.form"]
            .with_context(lang="en_US")
            .create({"partner_id": self.contact.id, "user_id": self.agent.id})
        )
        self.assertEqual(form.name, "Small Shop Ltd, Shop Owner 的期望")

    def test_gap_within_threshold_raises_no_alert(self):
        self.company.service_gap_threshold = 60.0
        self.fill_expectation()
        self.fill_perception()
        self.assertFalse(self.gap_activities())

    def test_gaps_appear_on_the_linked_complaint(self):
        complaint = self.create_complaint()
        self.form.complaint_id = complaint
        self.fill_expectation()
        self.fill_perception()
        self.assertEqual(complaint.expectation_gap_ids, self.form.gap_ids)
        scores = self.env["service.survey.score"].search(
            [("user_input_id", "=", self.form.perception_input_id.id)]
        )
        self.assertEqual(scores.complaint_id, complaint)

    def test_owner_is_the_customers_salesperson_and_gets_the_alert(self):
        """The account owner defaults to the customer's salesperson, not to
        whoever typed the form in; the onchange and create agree."""
        self.customer.user_id = self.other_agent
        Forms = self.env["service.expectation.form"].with_user(self.manager)
        created = Forms.create({"partner_id": self.contact.id})
        self.assertEqual(created.user_id, self.other_agent)
        with Form(Forms) as form:
            form.name = "Before delivery"
            form.partner_id = self.contact
            self.assertEqual(form.user_id, self.other_agent)
        self.assertEqual(form.record.user_id, self.other_agent)
        # A customer without a salesperson: the creator owns the form.
        with Form(Forms) as form:
            form.name = "Before delivery"
            form.partner_id = self.top_customer
            self.assertEqual(form.user_id, self.manager)
        self.assertEqual(
            Forms.create({"partner_id": self.top_customer.id}).user_id, self.manager
        )
        # The negative gap's alert goes to the salesperson.
        self.company.service_gap_threshold = 15.0
        self.form = created.with_env(self.env)
        self.fill_expectation()
        self.fill_perception()
        activity = self.gap_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.other_agent)

    def test_invitation_is_dated_when_mailed_not_when_opened_with_staff(self):
        """The response rate counts invitations by their send date: a survey
        opened to fill in with the customer is no invitation until mailed."""
        with freeze_time("2026-01-28 09:00:00"):
            self.form.action_fill_expectation()
        user_input = self.form.expectation_input_id
        self.assertFalse(user_input.service_date_sent)
        with freeze_time("2026-02-02 09:00:00"):
            self.form.action_send_expectation()
        self.assertEqual(str(user_input.service_date_sent), "2026-02-02 09:00:00")
        # Mailing it again is a reminder: the invitation keeps its date.
        with freeze_time("2026-02-05 09:00:00"):
            self.form.action_send_expectation()
        self.assertEqual(str(user_input.service_date_sent), "2026-02-02 09:00:00")
        # Mailed straight away: dated by that mail.
        with freeze_time("2026-02-10 09:00:00"):
            self.fill_expectation()
            self.form.action_send_perception()
        self.assertEqual(
            str(self.form.perception_input_id.service_date_sent), "2026-02-10 09:00:00"
        )
