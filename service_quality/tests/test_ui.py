# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "sq_browser")
class TestComplaintTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="sq_tour_agent",
            name="Tour Agent",
            groups="service_quality.group_service_user",
            lang="en_US",
        )
        cls.env["service.team"].create(
            {"name": "Tour Team", "member_ids": [Command.set(cls.agent.ids)]}
        )
        tier = cls.env["service.customer.tier"].create({"name": "Tour Tier"})
        cls.env["res.partner"].create(
            {"name": "Tour Customer", "is_company": True, "service_tier_id": tier.id}
        )
        repair = cls.env["service.type"].create({"name": "Tour Repair", "code": "TOUR"})
        cls.env["service.standard"].create(
            {
                "name": "Tour Standard",
                "code": "TOUR-STD",
                "service_type_id": repair.id,
                "response_hours": 2,
                "next_response_hours": 2,
                "resolution_hours": 8,
                "date_start": "2020-01-01",
                "attitude_norms": "<p>Smile on the phone.</p>",
            }
        )

    def test_agent_records_a_complaint_and_feeds_back_the_result(self):
        self.start_tour(
            "/odoo/action-service_quality.service_complaint_action",
            "service_quality_complaint_tour",
            login="sq_tour_agent",
        )
        complaint = self.env["service.complaint"].search(
            [("name", "=", "Tour: the screen stays black")]
        )
        self.assertEqual(complaint.stage_id.kind, "fed_back")
        self.assertIn("display board", complaint.solution)
        self.assertEqual(complaint.standard_id.code, "TOUR-STD")
        self.assertEqual(complaint.user_id, self.agent)
        self.assertTrue(complaint.date_first_response)
        self.assertTrue(complaint.date_resolved)

    def test_agent_records_and_keeps_a_promise_on_a_complaint(self):
        self.env.company.service_promise_bottom_line = "Never promise a refund."
        customer = self.env["res.partner"].create(
            {"name": "Tour Promise Customer", "is_company": True}
        )
        complaint = self.env["service.complaint"].create(
            {"name": "Tour: broken screen", "partner_id": customer.id}
        )
        complaint.user_id = self.agent
        self.start_tour(
            f"/odoo/action-service_quality.service_complaint_action/{complaint.id}",
            "service_quality_promise_tour",
            login="sq_tour_agent",
        )
        self.assertRecordValues(
            complaint.promise_ids,
            [
                {
                    "name": "Tour: a new screen by Friday",
                    "partner_id": customer.id,
                    "user_id": self.agent.id,
                    "state": "kept",
                    "bottom_line": "Never promise a refund.",
                }
            ],
        )
        self.assertTrue(complaint.promise_ids.date_done)
