# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .common import ServiceQualityCommon, shanghai


@tagged("post_install", "-at_install")
class TestComplaintEscalation(ServiceQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = cls.other_agent
        cls.standard_repair.escalation_rule_ids = [
            Command.create(
                {"level": 1, "hours_after_breach": 0, "notify": "team_leader"}
            ),
            Command.create(
                {
                    "level": 2,
                    "hours_after_breach": 2,
                    "notify": "managers",
                    "raise_priority": True,
                }
            ),
            Command.create(
                {
                    "level": 3,
                    "hours_after_breach": 4,
                    "notify": "user",
                    "user_id": cls.director.id,
                }
            ),
        ]
        # Activities are written in each reader's language (see
        # test_reader_language): the demo's Chinese managers read English here.
        cls.env.ref("service_quality.group_service_manager").users.lang = "en_US"
        cls.escalation_type = cls.env.ref(
            "service_quality.mail_activity_type_escalation"
        )
        cls.at_risk_type = cls.env.ref("service_quality.mail_activity_type_at_risk")

    def _run_cron(self, when, **kwargs):
        with self.at(when):
            return self.env["service.complaint"]._cron_check_deadlines(**kwargs)

    def _digests(self, user):
        return self.env["mail.message"].search(
            [
                ("partner_ids", "in", user.partner_id.ids),
                ("subject", "ilike", "escalated to you"),
            ]
        )

    def _activities(self, complaints, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "service.complaint"),
                ("res_id", "in", complaints.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def test_statuses_move_to_at_risk_then_breached(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
        # Warning at 80 % of 4 h: 09-12 and 13:00-13:12.
        self.assertEqual(complaint.response_warning_date, shanghai(5, 13, 12))
        self._run_cron(shanghai(5, 13))
        self.assertEqual(complaint.response_status, "on_time")
        self._run_cron(shanghai(5, 13, 30))
        self.assertEqual(complaint.response_status, "at_risk")
        self.assertEqual(complaint.deadline_status, "at_risk")
        warning = self._activities(complaint, self.at_risk_type)
        self.assertEqual(warning.user_id, self.agent)
        self._run_cron(shanghai(5, 13, 45))
        self.assertEqual(
            len(self._activities(complaint, self.at_risk_type)), 1, "warned once"
        )
        self._run_cron(shanghai(5, 14, 30))
        self.assertEqual(complaint.response_status, "breached")
        self.assertEqual(complaint.deadline_status, "breached")
        self.assertEqual(complaint.breach_date, shanghai(5, 14))

    def test_each_level_fires_once(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
        self.assertEqual(complaint.escalation_next_date, shanghai(5, 14))
        self._run_cron(shanghai(5, 14, 30))
        self.assertEqual(complaint.escalation_level, 1)
        level_1 = self._activities(complaint, self.escalation_type)
        self.assertEqual(level_1.user_id, self.leader)
        self.assertIn("level 1", complaint.message_ids[0].body)
        digest = self._digests(self.leader)
        self.assertEqual(len(digest), 1, "one notification to the team leader")
        self.assertIn(complaint.reference, digest.body)
        # Running again before level 2 is due changes nothing.
        self._run_cron(shanghai(5, 15))
        self.assertEqual(complaint.escalation_level, 1)
        self.assertEqual(self._activities(complaint, self.escalation_type), level_1)
        # Level 2: 2 working hours after the breach (14:00) is 16:00.
        self.assertEqual(complaint.escalation_next_date, shanghai(5, 16))
        self._run_cron(shanghai(5, 16, 30))
        self.assertEqual(complaint.escalation_level, 2)
        self.assertEqual(complaint.priority, "3")
        level_2 = self._activities(complaint, self.escalation_type) - level_1
        self.assertIn(self.manager, level_2.user_id)
        self.assertNotIn(self.agent, level_2.user_id)
        # Level 3: 4 working hours after the breach is Monday 18:00.
        self._run_cron(shanghai(6, 9, 30))
        self.assertEqual(complaint.escalation_level, 3)
        level_3 = self._activities(complaint, self.escalation_type) - level_1 - level_2
        self.assertEqual(level_3.user_id, self.director)
        self.assertFalse(complaint.escalation_next_date, "no level after the last one")
        all_levels = self._activities(complaint, self.escalation_type)
        self._run_cron(shanghai(9, 9))
        self.assertEqual(self._activities(complaint, self.escalation_type), all_levels)

    def test_case_answered_and_resolved_in_time_never_escalates(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
        with self.at(shanghai(5, 10)):
            complaint.write(
                {"solution": "<p>Fixed</p>", "stage_id": self.stage["fed_back"].id}
            )
        self.assertFalse(complaint.breach_date)
        self.assertFalse(complaint.escalation_next_date)
        due = self._run_cron(shanghai(9, 9))
        self.assertNotIn(complaint, due)
        self.assertEqual(complaint.escalation_level, 0)

    def test_waiting_on_customer_stops_resolution_escalation(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
        with self.at(shanghai(5, 10)):
            complaint.stage_id = self.stage["waiting"]  # answered in time, then paused
        self.assertFalse(complaint.escalation_next_date)
        self._run_cron(shanghai(9, 9))
        self.assertEqual(complaint.escalation_level, 0)
        self.assertEqual(complaint.resolution_status, "on_time")

    def test_escalation_is_worked_off_in_batches(self):
        with self.at(shanghai(5, 9)):
            complaints = self.env["service.complaint"]
            for index in range(7):
                complaints |= self.create_complaint(name=f"Case {index}")
        batches = [
            len(self._run_cron(shanghai(5, 14, 30), batch_size=3)) for _i in range(4)
        ]
        self.assertEqual(batches, [3, 3, 1, 0])
        self.assertEqual(set(complaints.mapped("escalation_level")), {1})
        self.assertEqual(len(self._activities(complaints, self.escalation_type)), 7)
        # One digest per run that escalated something, not one mail per case.
        digests = self._digests(self.leader)
        self.assertEqual(len(digests), 3)
        self.assertIn("3 complaints escalated to you", digests.mapped("subject"))

    def test_one_run_catches_up_every_level_due(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
        # Breached at 14:00; levels 1, 2 and 3 due at 14:00, 16:00 and 18:00.
        self._run_cron(shanghai(6, 9, 30))
        self.assertEqual(complaint.escalation_level, 3)
        self.assertEqual(complaint.priority, "3", "level 2 raises the priority")
        self.assertFalse(complaint.escalation_next_date)
        activities = self._activities(complaint, self.escalation_type)
        by_level = {
            level: activities.filtered(lambda a, lv=level: f"level {lv}:" in a.summary)
            for level in (1, 2, 3)
        }
        self.assertEqual(by_level[1].user_id, self.leader)
        self.assertIn(self.manager, by_level[2].user_id)
        self.assertEqual(by_level[3].user_id, self.director)
        self.assertEqual(sum(len(acts) for acts in by_level.values()), len(activities))
        logs = complaint.message_ids.filtered(lambda m: "Escalated to level" in m.body)
        self.assertEqual(len(logs), 3, "one chatter note per level reached")
        self.assertEqual(len(self._digests(self.leader)), 1)
        self.assertIn("level 1", self._digests(self.leader).body)
        self.assertEqual(len(self._digests(self.director)), 1)
        self.assertIn("level 3", self._digests(self.director).body)
        # Nothing is redone by the next runs.
        self._run_cron(shanghai(6, 10))
        self._run_cron(shanghai(9, 9))
        self.assertEqual(self._activities(complaint, self.escalation_type), activities)
        self.assertEqual(len(self._digests(self.leader)), 1)
        self.assertEqual(len(self._digests(self.director)), 1)

    def test_one_run_stops_at_the_highest_level_due(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
        self._run_cron(shanghai(5, 16, 30))
        self.assertEqual(complaint.escalation_level, 2)
        self.assertEqual(complaint.escalation_next_date, shanghai(5, 18))
        self.assertFalse(self._digests(self.director), "level 3 is not due yet")
        self._run_cron(shanghai(5, 18, 30))
        self.assertEqual(complaint.escalation_level, 3)
        self.assertEqual(len(self._digests(self.leader)), 1)
        self.assertEqual(len(self._digests(self.director)), 1)
