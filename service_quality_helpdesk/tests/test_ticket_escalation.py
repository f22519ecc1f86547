# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.service_quality.tests.common import shanghai

from .common import HelpdeskCommon


@tagged("post_install", "-at_install")
class TestTicketEscalation(HelpdeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["service.escalation.rule"].create(
            [
                {
                    "standard_id": cls.standard_repair.id,
                    "level": 1,
                    "hours_after_breach": 0,
                    "notify": "team_leader",
                },
                {
                    "standard_id": cls.standard_repair.id,
                    "level": 2,
                    "hours_after_breach": 4,
                    "notify": "responsible",
                    "raise_priority": True,
                },
            ]
        )

    def escalation_activities(self, ticket):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("service_quality.mail_activity_type_escalation").id,
                ),
            ]
        )

    def test_cron_warns_breaches_and_escalates_once(self):
        Ticket = self.env["helpdesk.ticket"]
        with self.at(shanghai(5, 9)):  # response due Monday 14:00
            ticket = self.create_ticket()
        with self.at(shanghai(5, 13, 30)):  # past the warning date
            Ticket._cron_check_deadlines()
        self.assertEqual(ticket.response_status, "at_risk")
        at_risk = self.env["mail.activity"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(at_risk.user_id, self.hd_agent)
        with self.at(shanghai(5, 15)):
            Ticket._cron_check_deadlines()
        self.assertEqual(ticket.response_status, "breached")
        self.assertEqual(ticket.deadline_status, "breached")
        self.assertEqual(ticket.escalation_level, 1)
        self.assertEqual(self.escalation_activities(ticket).user_id, self.hd_leader)
        with self.at(shanghai(5, 16)):  # level 2 not due yet: nothing new
            Ticket._cron_check_deadlines()
            Ticket._cron_check_deadlines()
        self.assertEqual(len(self.escalation_activities(ticket)), 1)
        with self.at(shanghai(6, 10)):  # 4 working hours after the breach
            Ticket._cron_check_deadlines()
            Ticket._cron_check_deadlines()
        self.assertEqual(ticket.escalation_level, 2)
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(len(self.escalation_activities(ticket)), 2)
        self.assertFalse(ticket.escalation_next_date)

    def test_closed_ticket_is_not_escalated(self):
        with self.at(shanghai(5, 9)):
            ticket = self.create_ticket()
        with self.at(shanghai(5, 10)):
            ticket.stage_id = self.hd_stage["done"]
        with self.at(shanghai(7, 10)):
            self.env["helpdesk.ticket"]._cron_check_deadlines()
        self.assertEqual(ticket.escalation_level, 0)
        self.assertFalse(self.escalation_activities(ticket))
