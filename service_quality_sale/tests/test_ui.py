# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_sale_complaint import ServiceQualitySaleHttpCommon


@tagged("post_install", "-at_install", "sq_browser")
class TestSaleComplaintTour(ServiceQualitySaleHttpCommon):
    def test_portal_customer_complains_about_an_order_in_the_browser(self):
        self.start_tour(
            f"/my/orders/{self.order_a.id}",
            "service_quality_sale_order_complaint_tour",
            login="sq_sale_portal_a",
        )
        complaint = self.env["service.complaint"].search(
            [("sale_order_id", "=", self.order_a.id)]
        )
        self.assertEqual(complaint.partner_id, self.contact)
        self.assertIn("broken door", complaint.description)

    def test_manager_sees_the_order_complaint_rates_on_the_dashboard(self):
        self.create_complaint(sale_order_id=self.order_a.id)
        self.start_tour(
            "/odoo/action-kpi_dashboard.action_kpi_dashboard",
            "service_quality_sale_dashboard_tour",
            login="sq_manager",
        )

    def test_salesperson_opens_the_expectation_form_of_their_order(self):
        form = self.order_a.service_expectation_form_ids
        self.fill_expectation(form)
        self.deliver(self.order_a)
        self.fill_perception(form)
        self.assertEqual(self.order_a.service_gap_status, "below")
        self.start_tour(
            f"/odoo/action-sale.action_orders/{self.order_a.id}",
            "service_quality_sale_salesperson_tour",
            login="sq_salesperson",
        )
