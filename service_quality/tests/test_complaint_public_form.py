# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_complaint_portal import ServiceQualityHttpCommon


@tagged("post_install", "-at_install")
class TestComplaintPublicForm(ServiceQualityHttpCommon):
    def _submit(self, files=None, **values):
        data = {
            "contact_name": "Li Hua",
            "email": "li.hua.public@example.net",
            "phone": "",
            "subject": "Public: rude driver",
            "description": "The driver shouted at me.",
        }
        data.update(values)
        return self._post("/complaint/new", data, files=files)

    def _complaints(self, subject="Public: rude driver"):
        return self.env["service.complaint"].search([("name", "=", subject)])

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def test_form_is_public(self):
        response = self.url_open("/complaint/new")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="subject"', response.text)
        self.assertIn('name="csrf_token"', response.text)

    def test_submission_creates_complaint_and_shows_only_the_reference(self):
        response = self._submit(
            files={"attachments": ("receipt.txt", b"receipt 42", "text/plain")}
        )
        complaint = self._complaints()
        self.assertEqual(len(complaint), 1)
        self.assertIn(complaint.reference, response.text)
        for private in ("Li Hua", "li.hua.public@example.net", "shouted"):
            self.assertNotIn(private, response.text)
        self.assertRecordValues(
            complaint.partner_id,
            [{"name": "Li Hua", "email": "li.hua.public@example.net"}],
        )
        self.assertEqual(
            complaint.channel_id,
            self.env.ref("service_quality.service_channel_web_form"),
        )
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "service.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attachment.raw, b"receipt 42")
        # The customer's files are shown in the chatter, on their message.
        self.assertEqual(
            complaint.message_ids.filtered("attachment_ids").attachment_ids, attachment
        )

    def test_too_long_texts_are_refused_and_kept(self):
        description = "The parcel arrived broken. " * 800  # 21 600 characters
        response = self._submit(subject="Public: too long", description=description)
        self.assertEqual(response.status_code, 200)
        self.assertIn("The description may be at most 20000 characters", response.text)
        # Nothing the customer typed is lost: the form comes back filled in
        self.assertIn('value="Public: too long"', response.text)
        self.assertIn(description.strip(), response.text)
        self.assertIn('maxlength="20000"', response.text)
        self.assertIn('maxlength="200"', response.text)
        self.assertFalse(self._complaints("Public: too long"))
        self.assertFalse(
            self.env["res.partner"].search(
                [("email", "=", "li.hua.public@example.net")]
            )
        )
        response = self._submit(subject="S" * 201)
        self.assertIn("The subject may be at most 200 characters", response.text)
        self.assertFalse(self._complaints("S" * 201))
        # The limits are settings of the company's Odoo
        self.env["ir.config_parameter"].set_param(
            "service_quality.complaint_description_max_length", "30000"
        )
        self._submit(subject="Public: long but allowed", description=description)
        complaint = self._complaints("Public: long but allowed")
        self.assertEqual(len(complaint), 1)
        self.assertIn("The parcel arrived broken.", complaint.description)

    def test_known_email_is_matched_to_the_contact(self):
        self._submit(email="OWNER@example.com", subject="Public: known")
        self.assertEqual(self._complaints("Public: known").partner_id, self.contact)

    def test_staff_email_gets_a_new_contact(self):
        self._submit(email=self.agent.email, subject="Public: staff email")
        partner = self._complaints("Public: staff email").partner_id
        self.assertNotEqual(partner, self.agent.partner_id)
        self.assertEqual(partner.email, self.agent.email)

    def test_team_shows_the_form_address_and_its_qr_code(self):
        self.assertTrue(self.team.public_form_url.endswith("/complaint/new"))
        self.assertTrue(self.team.public_form_qr_url.startswith("/report/barcode/QR/"))
        response = self.url_open(self.team.public_form_qr_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "image/png")

    def test_phone_only_is_enough(self):
        self._submit(email="", phone="+86 21 5555 0101", subject="Public: phone")
        complaint = self._complaints("Public: phone")
        self.assertEqual(complaint.partner_id.phone, "+86 21 5555 0101")

    def test_missing_contact_is_refused_and_input_kept(self):
        response = self._submit(email="", phone="")
        self.assertIn("Please give an email address or a phone number.", response.text)
        self.assertIn('value="Public: rude driver"', response.text)
        self.assertIn("The driver shouted at me.", response.text)
        self.assertFalse(self._complaints())

    def test_invalid_email_is_refused(self):
        response = self._submit(email="not-an-email")
        self.assertIn("is not a valid email address", response.text)
        self.assertFalse(self._complaints())

    def test_too_many_or_too_large_files_are_refused(self):
        self.env["ir.config_parameter"].set_param(
            "service_quality.complaint_attachment_max_mb", "1"
        )
        response = self._submit(
            files={"attachments": ("big.bin", b"x" * (1024 * 1024 + 1), "text/plain")}
        )
        self.assertIn("is larger than 1 MB", response.text)
        self.env["ir.config_parameter"].set_param(
            "service_quality.complaint_attachment_max_count", "1"
        )
        response = self._submit(
            files=[
                ("attachments", ("a.txt", b"a", "text/plain")),
                ("attachments", ("b.txt", b"b", "text/plain")),
            ]
        )
        self.assertIn("You can attach at most 1 files.", response.text)
        self.assertFalse(self._complaints())
        self.assertFalse(
            self.env["res.partner"].search(
                [("email", "=", "li.hua.public@example.net")]
            )
        )

    def test_honeypot_creates_nothing(self):
        response = self._submit(website_address="http://spam.example.com")
        self.assertEqual(response.status_code, 200)
        self.assertIn("We have received your complaint", response.text)
        self.assertFalse(self._complaints())

    def test_rate_limit_per_address(self):
        self.env["ir.config_parameter"].set_param(
            "service_quality.public_form_rate_limit", "2"
        )
        for index in range(2):
            self._submit(subject=f"Public: burst {index}")
        response = self._submit(subject="Public: burst 2")
        self.assertIn("several complaints in the last hour", response.text)
        self.assertIn('value="Public: burst 2"', response.text)
        self.assertEqual(len(self._complaints("Public: burst 0")), 1)
        self.assertFalse(self._complaints("Public: burst 2"))

    def test_missing_csrf_token_is_refused(self):
        response = self.url_open(
            "/complaint/new",
            data={
                "contact_name": "Robot",
                "email": "robot@example.com",
                "subject": "Public: no csrf",
                "description": "x",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._complaints("Public: no csrf"))
