# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.service_quality.tests.common import shanghai

from .common import HelpdeskCommon


@tagged("post_install", "-at_install")
class TestTicketCoexistence(HelpdeskCommon):
    """With Helpdesk SLA and Helpdesk Rating installed (run_tests.sh installs
    them in its database without demo data), each keeps its own deadlines and
    one customer gets one survey. Skipped where they are not installed."""

    def require(self, module):
        if self.env["ir.module.module"]._get(module).state != "installed":
            self.skipTest(f"{module} is not installed")

    def test_helpdesk_sla_deadline_and_ours_side_by_side(self):
        self.require("helpdesk_mgmt_sla")
        self.hd_team.use_sla = True
        self.env["helpdesk.sla"].create(
            {
                "name": "Close within a day",
                "team_ids": [(6, 0, self.hd_team.ids)],
                "stage_id": self.hd_stage["done"].id,
                "days": 1,
                "hours": 0,
            }
        )
        with self.at(shanghai(5, 9)):
            ticket = self.create_ticket()
        self.assertTrue(ticket.sla_ids)
        self.assertTrue(ticket.sla_deadline)
        # Our deadlines are unchanged by theirs.
        self.assertEqual(ticket.response_deadline, shanghai(5, 14))
        self.assertEqual(ticket.resolution_deadline, shanghai(6, 18))
        with self.at(shanghai(5, 11)):
            ticket.stage_id = self.hd_stage["done"]
        self.assertEqual(ticket.date_resolved, shanghai(5, 11))
        self.assertEqual(ticket.resolution_status, "on_time")

    def test_one_survey_with_helpdesk_rating(self):
        self.require("helpdesk_mgmt_rating")
        template = self.env.ref("helpdesk_mgmt_rating.rating_ticket_email_template")
        self.hd_stage["done"].rating_mail_template_id = template
        Input = self.env["survey.user_input"]
        ticket = self.create_ticket()
        ticket.stage_id = self.hd_stage["done"]
        # Ours by default: no rating request.
        self.assertEqual(Input.search_count([("service_ticket_id", "=", ticket.id)]), 1)
        self.assertFalse(ticket.rating_ids)
        self.company.service_helpdesk_survey = "rating"
        other = self.create_ticket()
        other.stage_id = self.hd_stage["done"]
        self.assertFalse(Input.search_count([("service_ticket_id", "=", other.id)]))
        self.assertTrue(other.rating_ids)
