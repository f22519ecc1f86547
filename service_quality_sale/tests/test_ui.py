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
