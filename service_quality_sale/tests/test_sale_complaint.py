# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import ServiceQualitySaleCommon


class TestSaleComplaint(ServiceQualitySaleCommon):
    def test_complain_from_the_order_form_prefills_the_complaint(self):
        order = self.create_order()
        action = order.with_user(self.agent).action_service_complain()
        env = self.env(user=self.agent, context=action["context"])
        with Form(env["service.complaint"]) as complaint_form:
            complaint_form.service_type_id = self.type_repair
        complaint = complaint_form.save()
        self.assertRecordValues(
            complaint,
            [
                {
                    "sale_order_id": order.id,
                    "partner_id": self.contact.id,
                    "name": f"Complaint about {order.name}",
                    "sale_team_id": self.sales_team.id,
                }
            ],
        )
        order.invalidate_recordset()
        self.assertEqual(order.service_complaint_count, 1)
        self.assertEqual(self.customer.service_order_complaint_count, 1)
        self.assertEqual(self.contact.service_order_complaint_count, 1)
        self.assertEqual(
            order.action_view_service_complaints()["domain"],
            [("sale_order_id", "=", order.id)],
        )
        # The customer's button lists it, for the company and the contact.
        for partner in (self.customer, self.contact):
            action = partner.with_user(
                self.agent
            ).action_view_service_order_complaints()
            found = env["service.complaint"].search(action["domain"])
            self.assertEqual(found, complaint)

    def test_a_complaint_cannot_be_about_another_customers_order(self):
        order = self.create_order(partner=self.top_customer)
        with self.assertRefused(ValidationError, "of another customer"):
            self.create_complaint(sale_order_id=order.id)


class ServiceQualitySaleHttpCommon(HttpCase, ServiceQualitySaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(
            cls.env,
            login="sq_sale_portal_a",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            name=cls.contact.name,
            email=cls.contact.email,
        )
        cls.contact_b = cls.env["res.partner"].create(
            {
                "name": "Rival Buyer",
                "parent_id": cls.top_customer.id,
                "email": "buyer@rival.example.com",
            }
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="sq_sale_portal_b",
            groups="base.group_portal",
            partner_id=cls.contact_b.id,
            name=cls.contact_b.name,
            email=cls.contact_b.email,
        )
        cls.order_a = cls.create_order()
        cls.order_b = cls.create_order(partner=cls.contact_b)

    def _post(self, url, data):
        data = dict(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data)


@tagged("post_install", "-at_install")
class TestSaleComplaintPortal(ServiceQualitySaleHttpCommon):
    def test_portal_customer_complains_about_their_order(self):
        self.authenticate("sq_sale_portal_a", "sq_sale_portal_a")
        page = self.url_open(f"/my/orders/{self.order_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Complain about this order", page.text)
        self.assertIn(f"/my/orders/{self.order_a.id}/complaint", page.text)
        form = self.url_open(f"/my/orders/{self.order_a.id}/complaint")
        self.assertEqual(form.status_code, 200)
        self.assertIn(f"Complaint about order {self.order_a.name}", form.text)
        self.assertIn("Test Coffee Machine", form.text)
        response = self._post(
            f"/my/orders/{self.order_a.id}/complaint",
            {
                "subject": f"Complaint about order {self.order_a.name}",
                "description": "The machine arrived scratched.",
            },
        )
        complaint = self.env["service.complaint"].search(
            [("sale_order_id", "=", self.order_a.id)]
        )
        self.assertRecordValues(
            complaint,
            [
                {
                    "partner_id": self.contact.id,
                    "channel_id": self.env.ref(
                        "service_quality.service_channel_portal"
                    ).id,
                }
            ],
        )
        self.assertTrue(response.url.endswith(f"/my/complaints/{complaint.id}"))
        self.assertIn(self.order_a.name, response.text)
        self.assertIn("o_complaint_sale_order", response.text)
        page = self.url_open(f"/my/orders/{self.order_a.id}")
        self.assertIn(complaint.reference, page.text)
        self.assertIn(f"/my/complaints/{complaint.id}", page.text)

    def test_empty_description_is_refused_with_nothing_created(self):
        self.authenticate("sq_sale_portal_a", "sq_sale_portal_a")
        response = self._post(
            f"/my/orders/{self.order_a.id}/complaint",
            {"subject": "Scratched", "description": "  "},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please fill in a subject and a description.", response.text)
        self.assertFalse(
            self.env["service.complaint"].search(
                [("sale_order_id", "=", self.order_a.id)]
            )
        )

    def test_too_long_description_is_refused(self):
        self.authenticate("sq_sale_portal_a", "sq_sale_portal_a")
        response = self._post(
            f"/my/orders/{self.order_a.id}/complaint",
            {"subject": "Scratched", "description": "x" * 20001},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("at most 20000 characters", response.text)
        self.assertFalse(
            self.env["service.complaint"].search(
                [("sale_order_id", "=", self.order_a.id)]
            )
        )

    def test_portal_customer_cannot_complain_about_another_customers_order(self):
        self.authenticate("sq_sale_portal_a", "sq_sale_portal_a")
        page = self.url_open(f"/my/orders/{self.order_b.id}/complaint")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn(self.order_b.name, page.text)
        response = self._post(
            f"/my/orders/{self.order_b.id}/complaint",
            {"subject": "Hijack", "description": "Not my order."},
        )
        self.assertEqual(response.status_code, 404)
        quotation = self.create_order(confirm=False)
        quotation.message_subscribe(partner_ids=self.contact.ids)
        self.assertEqual(
            self.url_open(f"/my/orders/{quotation.id}/complaint").status_code, 404
        )
        self.assertEqual(self.url_open("/my/orders/999999/complaint").status_code, 404)
        self.assertFalse(
            self.env["service.complaint"].search(
                [("sale_order_id", "in", (self.order_b | quotation).ids)]
            )
        )
        # The other customer's own page offers no button to this customer.
        self.authenticate("sq_sale_portal_b", "sq_sale_portal_b")
        page = self.url_open(f"/my/orders/{self.order_a.id}")
        self.assertNotIn("Complain about this order", page.text)
