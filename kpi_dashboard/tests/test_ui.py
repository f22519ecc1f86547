# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

import openpyxl

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
