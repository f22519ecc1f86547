# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast

from .common import SurveyExtensionCommon


class TestComplaintSurvey(SurveyExtensionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls.create_complaint()
        cls.complaint.write(
            {
                "stage_id": cls.stage["handling"].id,
                "solution": "<p>Replaced.</p>",
                "root_cause_id": cls.root_cause.id,
            }
        )

    def invitations(self, complaint):
        return self.env["survey.user_input"].search(
            [("service_complaint_id", "=", complaint.id)]
        )

    def close(self, complaint):
        complaint.with_user(self.manager).write({"stage_id": self.stage["closed"].id})

    def test_closing_sends_exactly_one_invitation(self):
        self.assertEqual(self.stage["closed"].survey_id, self.csat)
        self.assertFalse(self.invitations(self.complaint))
        self.close(self.complaint)
        invitation = self.invitations(self.complaint)
        self.assertRecordValues(
            invitation,
            [
                {
                    "survey_id": self.csat.id,
                    "partner_id": self.contact.id,
                    "service_kind": "csat",
                    "service_team_id": self.team.id,
                    "service_agent_id": self.agent.id,
                    "service_company_id": self.company.id,
                    "state": "new",
                }
            ],
        )
        self.assertTrue(invitation.service_date_sent)
        mail = self.env["mail.mail"].search(
            [("subject", "=", "Participate to Complaint satisfaction survey")]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("owner@example.com", mail.email_to)
        self.assertIn(invitation.access_token, mail.body_html)
        # An automated mail: out-of-office robots must not answer it
        self.assertEqual(
            ast.literal_eval(mail.headers).get("Auto-Submitted"), "auto-generated"
        )
        self.assertEqual(self.complaint.survey_input_count, 1)
        # Reopened and closed again: the customer is not asked twice.
        self.complaint.write({"stage_id": self.stage["handling"].id})
        self.close(self.complaint)
        self.assertEqual(len(self.invitations(self.complaint)), 1)

    def test_stage_without_survey_sends_nothing(self):
        self.complaint.write({"stage_id": self.stage["fed_back"].id})
        self.assertFalse(self.invitations(self.complaint))

    def test_dissatisfied_answer_creates_activity_for_team_leader(self):
        self.close(self.complaint)
        invitation = self.invitations(self.complaint)
        activity_type = self.env.ref(
            "survey_extension.mail_activity_dissatisfied_customer"
        )

        def followups():
            return self.complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )

        self.answer(invitation, {self.q_satisfaction: self.level["dissatisfied"]})
        self.assertEqual(followups().user_id, self.leader)
        self.assertEqual(len(followups()), 1)
        score = self.scores(invitation, "satisfaction")
        self.assertEqual(score.complaint_id, self.complaint)
        self.assertFalse(score.is_satisfied)
        # Scores rebuilt after an edit: still one follow-up.
        invitation._save_lines(self.q_nps, 2)
        self.assertEqual(len(followups()), 1)

    def test_dissatisfied_followup_in_the_leaders_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.leader.lang = "zh_CN"
        # The customer answers in English; the leader reads Chinese.
        self.contact.lang = "en_US"
        self.close(self.complaint)
        invitation = self.invitations(self.complaint)
        self.answer(invitation, {self.q_satisfaction: self.level["dissatisfied"]})
        activity = self.complaint.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("survey_extension.mail_activity_dissatisfied_customer")
        )
        self.assertEqual(activity.summary, "客户不满意：请跟进")
        self.assertIn("在满意度调查中选择了最低等级", activity.note)
        self.leader.lang = "en_US"
        other = self.create_complaint()
        other.write(
            {
                "stage_id": self.stage["handling"].id,
                "solution": "<p>Replaced.</p>",
                "root_cause_id": self.root_cause.id,
            }
        )
        self.close(other)
        self.answer(
            self.invitations(other), {self.q_satisfaction: self.level["dissatisfied"]}
        )
        self.assertIn(
            "Dissatisfied customer: follow up", other.activity_ids.mapped("summary")
        )

    def test_answer_records_the_customer_evaluation_on_the_complaint(self):
        self.close(self.complaint)
        self.answer(
            self.invitations(self.complaint),
            {
                self.q_satisfaction: self.level["satisfied"],
                self.q_comment: "Quick and polite.",
            },
        )
        self.assertRecordValues(
            self.complaint,
            [
                {
                    "customer_evaluation": "satisfied",
                    "evaluation_note": "Quick and polite.",
                }
            ],
        )

    def test_satisfied_answer_creates_no_activity(self):
        self.close(self.complaint)
        invitation = self.invitations(self.complaint)
        self.answer(invitation, {self.q_satisfaction: self.level["neutral"]})
        self.assertFalse(
            self.complaint.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("survey_extension.mail_activity_dissatisfied_customer")
            )
        )
