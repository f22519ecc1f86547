# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "sq_browser")
class TestHelpdeskUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="hd_ui_manager",
            name="Helpdesk UI Manager",
            groups="service_quality.group_service_manager,"
            "helpdesk_mgmt.group_helpdesk_manager",
            lang="en_US",
        )
        service_type = cls.env["service.type"].create(
            {"name": "Tour Repair", "code": "TOUR-REPAIR"}
        )
        cls.env["service.standard"].create(
            {
                "name": "Tour repair standard",
                "code": "TOUR-STD",
                "service_type_id": service_type.id,
                "calendar_id": cls.env.company.resource_calendar_id.id,
                "response_hours": 1,
                "next_response_hours": 1,
                "resolution_hours": 4,
                "date_start": "2020-01-01",
                "attitude_norms": "<p>Be kind and precise.</p>",
            }
        )
        team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Tour team", "user_ids": [Command.set(cls.manager.ids)]}
        )
        category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Tour category", "service_type_id": service_type.id}
        )
        cls.env["helpdesk.ticket"].create(
            {
                "name": "Tour: printer still jams",
                "description": "<p>Jams again.</p>",
                "partner_id": cls.env["res.partner"].create({"name": "Tour"}).id,
                "team_id": team.id,
                "category_id": category.id,
                "user_id": cls.manager.id,
                "service_date_received": fields.Datetime.now() - timedelta(days=10),
            }
        )
        cls.env["helpdesk.ticket"]._cron_check_deadlines()

    def test_ticket_badges_and_attitude_norms(self):
        self.start_tour(
            "/odoo/action-helpdesk_mgmt.helpdesk_ticket_action?view_type=kanban",
            "service_quality_helpdesk_tour",
            login="hd_ui_manager",
        )

    def test_dashboard_chooses_complaints_or_tickets(self):
        self.start_tour(
            "/odoo/action-kpi_dashboard.action_kpi_dashboard",
            "service_quality_helpdesk_dashboard_tour",
            login="hd_ui_manager",
        )
