# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ServiceQualityCommon


class ServiceQualityHttpCommon(HttpCase, ServiceQualityCommon):
    """Two customer companies with a portal user each, one complaint each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(
            cls.env,
            login="sq_portal_a",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            name=cls.contact.name,
            email=cls.contact.email,
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Rival Trading Co", "is_company": True}
        )
        cls.contact_b = cls.env["res.partner"].create(
            {
                "name": "Rival Buyer",
                "parent_id": cls.customer_b.id,
                "email": "buyer@rival.example.com",
            }
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="sq_portal_b",
            groups="base.group_portal",
            partner_id=cls.contact_b.id,
            name=cls.contact_b.name,
            email=cls.contact_b.email,
        )
        cls.complaint_a = cls.create_complaint(name="Alpha coffee machine leaks")
        cls.complaint_b = cls.create_complaint(
            name="Bravo secret shipment lost", partner_id=cls.contact_b.id
        )

    def _post(self, url, data, files=None):
        data = dict(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, files=files)

    def _feed_back(self, complaint):
        complaint.write(
            {
                "solution": "<p>We replaced the pump.</p>",
                "stage_id": self.stage["fed_back"].id,
            }
        )
        self.assertTrue(complaint.access_token)


@tagged("post_install", "-at_install")
class TestComplaintPortal(ServiceQualityHttpCommon):
    def test_portal_customer_lists_only_their_company_complaints(self):
        self.authenticate("sq_portal_a", "sq_portal_a")
        response = self.url_open("/my/complaints")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Alpha coffee machine leaks", response.text)
        self.assertIn(self.complaint_a.reference, response.text)
        self.assertNotIn("Bravo secret shipment lost", response.text)
        self.assertNotIn(self.complaint_b.reference, response.text)
        closed = self.url_open("/my/complaints?filterby=closed")
        self.assertNotIn("Alpha coffee machine leaks", closed.text)

    def test_portal_customer_cannot_open_another_customers_complaint(self):
        self.authenticate("sq_portal_a", "sq_portal_a")
        response = self.url_open(f"/my/complaints/{self.complaint_b.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Bravo secret shipment lost", response.text)
        missing = self.url_open("/my/complaints/999999")
        self.assertEqual(missing.status_code, 404)
        # ORM level: the record rule hides it as well
        Complaint = self.env["service.complaint"].with_user(self.portal_a)
        self.assertEqual(Complaint.search([]), self.complaint_a)

    def test_portal_customer_sees_status_deadlines_and_solution(self):
        self._feed_back(self.complaint_a)
        self.authenticate("sq_portal_a", "sq_portal_a")
        response = self.url_open(f"/my/complaints/{self.complaint_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Alpha coffee machine leaks", response.text)
        self.assertIn("Result Fed Back", response.text)
        self.assertIn("We replaced the pump.", response.text)
        self.assertIn("First answer promised by", response.text)
        self.assertIn(
            f"/complaint/{self.complaint_a.id}/accept?access_token="
            f"{self.complaint_a.access_token}",
            response.text,
        )

    def test_portal_home_shows_my_complaints(self):
        self.authenticate("sq_portal_a", "sq_portal_a")
        response = self.url_open("/my/home")
        self.assertIn("My Complaints", response.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["complaint_count"]}
        )
        self.assertEqual(counters["complaint_count"], 1)

    def test_portal_home_card_counts_open_complaints_with_a_pictogram(self):
        self.create_complaint(name="Alpha second case")
        closed = self.create_complaint(name="Alpha old case")
        closed.with_user(self.manager).write(
            {"cancel_reason": "A duplicate", "stage_id": self.stage["cancelled"].id}
        )
        self.authenticate("sq_portal_a", "sq_portal_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["complaint_count", "complaint_open_count"]}
        )
        # two open complaints of the customer; not the cancelled one, not B's
        self.assertEqual(counters["complaint_open_count"], 2)
        self.assertEqual(counters["complaint_count"], 3)
        home = self.url_open("/my/home").text
        self.assertIn("/service_quality/static/src/img/complaint.svg", home)
        self.assertIn('data-placeholder_count="complaint_open_count"', home)
        self.assertIn("/my/complaints?filterby=open", home)

    def test_portal_list_shows_the_promised_date(self):
        self.contact.tz = "Asia/Shanghai"
        self.authenticate("sq_portal_a", "sq_portal_a")
        response = self.url_open("/my/complaints")
        self.assertIn("Result promised by", response.text)
        self.assertIn("o_complaint_promised", response.text)
        self.assertTrue(self.complaint_a.resolution_deadline)

    def test_evaluated_complaint_offers_no_accept_or_reopen(self):
        self._feed_back(self.complaint_a)
        self.authenticate("sq_portal_a", "sq_portal_a")
        url = f"/my/complaints/{self.complaint_a.id}"
        self.assertIn("o_complaint_answer", self.url_open(url).text)
        # The customer evaluated (e.g. in the satisfaction survey) while the
        # case is still at the feedback step: no buttons contradicting it.
        self.complaint_a.customer_evaluation = "satisfied"
        page = self.url_open(url).text
        self.assertNotIn("o_complaint_answer", page)
        self.assertNotIn("/reopen?access_token=", page)
        self.assertIn("Your evaluation:", page)

    def test_portal_customer_files_a_complaint_with_a_file(self):
        self.authenticate("sq_portal_a", "sq_portal_a")
        response = self._post(
            "/my/complaints/new",
            {"subject": "Portal: wrong colour", "description": "It is red.\nNot blue."},
            files={"attachments": ("photo.txt", b"a photo", "text/plain")},
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.env["service.complaint"].search(
            [("name", "=", "Portal: wrong colour")]
        )
        self.assertRecordValues(
            complaint,
            [
                {
                    "partner_id": self.contact.id,
                    "channel_id": self.env.ref(
                        "service_quality.service_channel_portal"
                    ).id,
                    "user_id": False,
                }
            ],
        )
        self.assertIn("It is red.", complaint.description)
        self.assertTrue(response.url.endswith(f"/my/complaints/{complaint.id}"))
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "service.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attachment.raw, b"a photo")
        # The customer's files are shown in the chatter, on their message.
        self.assertEqual(
            complaint.message_ids.filtered("attachment_ids").attachment_ids, attachment
        )

    def test_portal_form_without_description_is_shown_again_with_input(self):
        self.authenticate("sq_portal_a", "sq_portal_a")
        response = self._post(
            "/my/complaints/new", {"subject": "Portal: kept subject", "description": ""}
        )
        self.assertIn("Please fill in a subject and a description.", response.text)
        self.assertIn('value="Portal: kept subject"', response.text)
        self.assertFalse(
            self.env["service.complaint"].search(
                [("name", "=", "Portal: kept subject")]
            )
        )

    def test_portal_form_refuses_a_too_long_description_and_keeps_it(self):
        self.authenticate("sq_portal_a", "sq_portal_a")
        description = "x" * 20001
        response = self._post(
            "/my/complaints/new",
            {"subject": "Portal: too long", "description": description},
        )
        self.assertIn("The description may be at most 20000 characters", response.text)
        self.assertIn(description, response.text)
        self.assertFalse(
            self.env["service.complaint"].search([("name", "=", "Portal: too long")])
        )

    def test_staff_lists_their_team_complaints_in_the_portal(self):
        self.authenticate("sq_agent", "sq_agent")
        response = self.url_open("/my/complaints")
        self.assertIn("Alpha coffee machine leaks", response.text)
        self.assertIn("Bravo secret shipment lost", response.text)


@tagged("post_install", "-at_install")
class TestComplaintAnswer(ServiceQualityHttpCommon):
    def test_accept_with_token_without_login(self):
        self._feed_back(self.complaint_a)
        url = (
            f"/complaint/{self.complaint_a.id}/accept"
            f"?access_token={self.complaint_a.access_token}"
        )
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("We replaced the pump.", page.text)
        self.authenticate(None, None)
        response = self._post(
            url, {"evaluation": "very_satisfied", "comment": "Fast and kind."}
        )
        self.assertIn("we have received your answer", response.text)
        self.assertRecordValues(
            self.complaint_a,
            [
                {
                    "stage_id": self.stage["evaluated"].id,
                    "customer_evaluation": "very_satisfied",
                    "evaluation_note": "Fast and kind.",
                }
            ],
        )
        # A second click does not change anything
        again = self._post(url, {"evaluation": "dissatisfied"})
        self.assertIn("not waiting for your answer", again.text)
        self.assertEqual(self.complaint_a.customer_evaluation, "very_satisfied")

    def test_reopen_with_reason_goes_back_to_handling(self):
        self.standard_repair.reopen_policy = "restart"
        self._feed_back(self.complaint_a)
        self.assertTrue(self.complaint_a.date_resolved)
        url = (
            f"/complaint/{self.complaint_a.id}/reopen"
            f"?access_token={self.complaint_a.access_token}"
        )
        self.authenticate(None, None)
        refused = self._post(url, {"reason": "  "})
        self.assertIn("Please tell us why", refused.text)
        self.assertEqual(self.complaint_a.stage_id, self.stage["fed_back"])
        response = self._post(url, {"reason": "The pump leaks again."})
        self.assertIn("we have received your answer", response.text)
        complaint = self.complaint_a
        self.assertEqual(complaint.stage_id.kind, "handling")
        self.assertFalse(complaint.stage_id.pause_resolution)
        self.assertEqual(complaint.reopen_count, 1)
        self.assertFalse(complaint.date_resolved)
        self.assertFalse(complaint.resolution_hours_consumed)
        message = complaint.message_ids.filtered(
            lambda message: "The pump leaks again." in (message.body or "")
        )
        self.assertEqual(message.author_id, self.contact)

    def test_wrong_or_missing_token_is_not_found(self):
        self._feed_back(self.complaint_b)
        self.authenticate(None, None)
        for url in (
            f"/complaint/{self.complaint_b.id}/accept",
            f"/complaint/{self.complaint_b.id}/accept?access_token=wrong",
            f"/complaint/{self.complaint_b.id}/reopen?access_token="
            f"{self.complaint_a.access_token or 'x'}",
            "/complaint/999999/accept?access_token=wrong",
            f"/my/complaints/{self.complaint_b.id}?access_token=wrong",
        ):
            # Raised, not returned: Odoo warns about a returned 404
            with self.assertNoLogs("odoo.http", "WARNING"):
                response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Bravo secret shipment lost", response.text)
        response = self._post(
            f"/complaint/{self.complaint_b.id}/accept?access_token=wrong",
            {"evaluation": "satisfied"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.complaint_b.stage_id, self.stage["fed_back"])
        # The other customer, logged in, gets no further without the token
        self.authenticate("sq_portal_a", "sq_portal_a")
        response = self.url_open(f"/complaint/{self.complaint_b.id}/accept")
        self.assertEqual(response.status_code, 404)


@tagged("post_install", "-at_install", "sq_browser")
class TestComplaintPortalTour(ServiceQualityHttpCommon):
    def test_portal_customer_files_finds_and_replies(self):
        self.create_complaint(name="Portal tour: earlier complaint")
        self.start_tour("/my", "service_quality_portal_tour", login="sq_portal_a")
        complaint = self.env["service.complaint"].search(
            [("name", "=", "Portal tour: the parcel arrived open")]
        )
        self.assertEqual(complaint.partner_id, self.contact)
        self.assertIn("Two cups were broken.", complaint.description)
        reply = complaint.message_ids.filtered(
            lambda message: "broken cups" in (message.body or "")
        )
        self.assertEqual(reply.author_id, self.contact)
        self.assertTrue(complaint.date_last_customer_message)
