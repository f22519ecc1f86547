# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import ServiceQualityCommon, shanghai


@tagged("post_install", "-at_install")
class TestReaderLanguage(ServiceQualityCommon):
    """What the system writes is in the language of whoever reads it: an
    activity in its assignee's, a chatter log in the company's, whatever the
    language of the user running the scheduled job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["service_quality"], ["zh_CN"])
        # The team leader reads Chinese, the agent English.
        cls.leader.lang = "zh_CN"
        cls.agent.lang = "en_US"
        cls.standard_repair.escalation_rule_ids = [
            Command.create(
                {"level": 1, "hours_after_breach": 0, "notify": "team_leader"}
            ),
        ]
        cls.escalation_type = cls.env.ref(
            "service_quality.mail_activity_type_escalation"
        )

    def _activities(self, records, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def _escalate(self):
        with freeze_time(shanghai(5, 9)):
            complaint = self.create_complaint()
        with freeze_time(shanghai(5, 14, 30)):
            self.env["service.complaint"]._cron_check_deadlines()
            self.env.flush_all()
        return complaint

    def test_escalation_activity_and_digest_in_the_leaders_chinese(self):
        complaint = self._escalate()
        activity = self._activities(complaint, self.escalation_type)
        self.assertEqual(activity.user_id, self.leader)
        self.assertEqual(activity.summary, f"第 1 级升级：{complaint.reference}")
        digest = self.env["mail.message"].search(
            [("partner_ids", "in", self.leader.partner_id.ids)]
        )
        self.assertEqual(digest.subject, "1 个投诉已升级给您")
        self.assertIn("以下投诉已超过截止时间并已升级", digest.body)

    def test_escalation_activity_in_english_for_an_english_reader(self):
        self.leader.lang = "en_US"
        complaint = self._escalate()
        activity = self._activities(complaint, self.escalation_type)
        self.assertEqual(activity.summary, f"Escalation level 1: {complaint.reference}")

    def test_escalation_chatter_in_the_companys_language(self):
        # The job runs as an English user; the company writes Chinese.
        self.company.partner_id.lang = "zh_CN"
        complaint = self._escalate()
        log = complaint.message_ids.filtered(lambda m: "级" in (m.body or ""))
        self.assertTrue(log, "the escalation log is in Chinese")
        self.assertIn("已升级到第 1 级", log[0].body)
        self.company.partner_id.lang = "en_US"
        other = self._escalate()
        self.assertIn("Escalated to level 1", other.message_ids[0].body)

    def test_promise_due_activity_in_its_owners_language(self):
        due_type = self.env.ref("service_quality.mail_activity_type_promise_due")
        Promise = self.env["service.promise"]
        values = {
            "partner_id": self.contact.id,
            "team_id": self.team.id,
            "date_promised": datetime(2026, 1, 5, 2),
            "date_due": date(2026, 1, 9),
        }
        chinese = Promise.create(dict(values, name="周五上门", user_id=self.leader.id))
        english = Promise.create(
            dict(values, name="Visit on Friday", user_id=self.agent.id)
        )
        with freeze_time("2026-01-12 03:00:00"):
            Promise._cron_schedule_due_activities()
        self.assertEqual(
            self._activities(chinese, due_type).summary, "承诺到期：周五上门"
        )
        self.assertEqual(
            self._activities(english, due_type).summary,
            "Promise due: Visit on Friday",
        )

    def test_customer_acceptance_logged_in_the_companys_language(self):
        self.company.partner_id.lang = "zh_CN"
        complaint = self.create_complaint()
        complaint.write(
            {"solution": "<p>Replaced.</p>", "stage_id": self.stage["fed_back"].id}
        )
        # The customer answers in English (their language in the portal).
        complaint.with_context(lang="en_US").action_customer_accept("satisfied")
        self.assertIn("客户已接受处理结果", complaint.message_ids[0].body)
        self.assertIn("满意", complaint.message_ids[0].body)
