# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

import openpyxl

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "sq_browser")
class TestKpiUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="kpi_ui_manager",
            name="KPI UI Manager",
            groups="service_quality.group_service_manager",
            lang="en_US",
        )
        cls.agent = new_test_user(
            cls.env,
            login="kpi_ui_agent",
            name="KPI UI Agent",
            groups="service_quality.group_service_user",
            lang="en_US",
        )
        # A case of this month, so that the dashboard has figures even
        # without demo data.
        team = cls.env["service.team"].create(
            {"name": "KPI UI Team", "member_ids": [(6, 0, cls.agent.ids)]}
        )
        customer = cls.env["res.partner"].create({"name": "UI"})
        cls.env["service.complaint"].create(
            {
                "name": "Dashboard case",
                "partner_id": customer.id,
                "team_id": team.id,
                "user_id": cls.agent.id,
            }
        )
        # Two perceived dimensions of this month: the importance-performance
        # chart has points to draw.
        form = cls.env["service.expectation.form"].create(
            {"name": "KPI UI form", "partner_id": customer.id, "team_id": team.id}
        )
        Dimension = cls.env["service.quality.dimension"]
        for code, weight, perception in (("R", 0.7, 60.0), ("T", 0.3, 80.0)):
            dimension = Dimension.create(
                {
                    "name": f"KPI UI {code}",
                    "code": f"KPI_UI_{code}",
                    "stated_weight": weight,
                }
            )
            cls.env["service.expectation.gap"].sudo().create(
                {
                    "form_id": form.id,
                    "dimension_id": dimension.id,
                    "expectation": 90.0,
                    "perception": perception,
                    "gap": perception - 90.0,
                    "has_perception": True,
                    "date": fields.Datetime.now(),
                }
            )

    def test_dashboard_tour(self):
        self.start_tour(
            "/odoo/action-kpi_dashboard.action_kpi_dashboard",
            "kpi_dashboard_tour",
            login="kpi_ui_manager",
        )

    def test_export_download(self):
        wizard = (
            self.env["service.kpi.export"]
            .with_user(self.manager)
            .create({"include_details": True})
        )
        self.authenticate("kpi_ui_manager", "kpi_ui_manager")
        response = self.url_open(f"/kpi_dashboard/export/{wizard.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames[0], "Summary")

    def test_export_refused_to_agents_and_to_others(self):
        wizard = (
            self.env["service.kpi.export"]
            .with_user(self.manager)
            .create({"include_details": False})
        )
        self.authenticate("kpi_ui_agent", "kpi_ui_agent")
        response = self.url_open(f"/kpi_dashboard/export/{wizard.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("spreadsheetml", response.headers.get("Content-Type", ""))
        self.authenticate(None, None)
        response = self.url_open(f"/kpi_dashboard/export/{wizard.id}")
        self.assertNotIn("spreadsheetml", response.headers.get("Content-Type", ""))
