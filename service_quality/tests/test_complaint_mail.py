# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
import base64
from email.header import Header

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import ServiceQualityCommon, shanghai

PLAIN = """From: "Shop Owner" <owner@example.com>
To: sq-complaints@sq-test.example.com
Subject: {subject}
Message-ID: <{message_id}@mail.example.com>
Date: Mon, 5 Jan 2026 09:00:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

The coffee machine we bought last week does not start.
"""

HTML_WITH_ATTACHMENT = """From: "Shop Owner" <owner@example.com>
To: sq-complaints@sq-test.example.com
Subject: Broken display
Message-ID: <html-1@mail.example.com>
Date: Mon, 5 Jan 2026 09:00:00 +0800
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/html; charset="utf-8"

<html><body><p>The <b>display</b> stays black.</p></body></html>
--BOUNDARY
Content-Type: application/pdf; name="invoice.pdf"
Content-Disposition: attachment; filename="invoice.pdf"
Content-Transfer-Encoding: base64

{pdf}
--BOUNDARY--
"""

UNKNOWN_SENDER = """From: "Zhang San" <zhang.san@newcustomer.example.com>
To: sq-complaints@sq-test.example.com
Subject: Late delivery
Message-ID: <unknown-1@mail.example.com>
Date: Mon, 5 Jan 2026 09:00:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

My order is two weeks late.
"""

REPLY = """From: "Shop Owner" <owner@example.com>
To: sq-complaints@sq-test.example.com
Subject: Re: {reference}: we received your complaint
Message-ID: <reply-1@mail.example.com>
In-Reply-To: {parent}
References: {parent}
Date: Mon, 5 Jan 2026 15:00:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Here is the serial number: SN-4711.
"""

OUT_OF_OFFICE = """From: "Shop Owner" <owner@example.com>
To: sq-complaints@sq-test.example.com
Subject: {subject}
Message-ID: <{message_id}@mail.example.com>
{headers}
Date: Mon, 5 Jan 2026 16:00:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

I am out of the office until Monday.
"""

# One header of each kind mail servers use to mark a machine-written mail.
AUTO_HEADERS = [
    "Auto-Submitted: auto-replied",
    "Auto-Submitted: auto-generated",
    "X-Autoreply: yes",
    "Precedence: auto_reply",
    "Precedence: bulk",
    "Precedence: junk",
    "X-Auto-Response-Suppress: All",
]

NO_SENDER = """From: the shop on the corner
To: sq-complaints@sq-test.example.com
Subject: Who am I
Message-ID: <nosender-1@mail.example.com>
Date: Mon, 5 Jan 2026 09:00:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Nobody knows who sent this.
"""


@tagged("post_install", "-at_install")
@freeze_time(shanghai(5, 9))
class TestComplaintMail(ServiceQualityCommon, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {
                "name": "sq-test.example.com",
                "bounce_alias": "bounce",
                "catchall_alias": "catchall",
            }
        )
        cls.company.alias_domain_id = cls.alias_domain
        cls.team.write(
            {"alias_name": "sq-complaints", "alias_domain_id": cls.alias_domain.id}
        )
        cls.team.alias_defaults = repr(
            {"team_id": cls.team.id, "service_type_id": cls.type_repair.id}
        )
        cls.channel_email = cls.env.ref("service_quality.service_channel_email")
        cls.Complaint = cls.env["service.complaint"]

    def _process(self, raw):
        complaint_id = self.env["mail.thread"].message_process(False, raw)
        return self.Complaint.browse(complaint_id)

    def _customer_messages(self, complaint, subject_part):
        return complaint.message_ids.filtered(
            lambda message: message.message_type == "auto_comment"
            and subject_part in (message.subject or "")
        )

    def test_team_alias_creates_complaints_of_the_team(self):
        self.assertEqual(self.team.alias_model_id.model, "service.complaint")
        self.assertEqual(self.team.alias_email, "sq-complaints@sq-test.example.com")

    def test_plain_text_mail_becomes_a_complaint_of_the_known_contact(self):
        complaint = self._process(
            PLAIN.format(subject="Machine does not start", message_id="plain-1")
        )
        self.assertRecordValues(
            complaint,
            [
                {
                    "name": "Machine does not start",
                    "partner_id": self.contact.id,
                    "channel_id": self.channel_email.id,
                    "team_id": self.team.id,
                    "company_id": self.company.id,
                    "user_id": False,
                    "standard_id": self.standard_repair.id,
                }
            ],
        )
        self.assertEqual(complaint.stage_id.kind, "new")
        self.assertIn("does not start", complaint.description)
        incoming = complaint.message_ids.filtered(
            lambda message: message.message_type == "email"
        )
        self.assertEqual(incoming.author_id, self.contact)
        self.assertIn(self.contact, complaint.message_partner_ids)
        # The mail of the customer is not a response of the team
        self.assertFalse(complaint.date_first_response)
        self.assertEqual(complaint.date_last_customer_message, shanghai(5, 9))

    def test_acknowledgement_gives_reference_and_deadlines_in_customer_tz(self):
        self.contact.tz = "Europe/Paris"
        complaint = self._process(
            PLAIN.format(subject="Machine does not start", message_id="ack-1")
        )
        ack = self._customer_messages(complaint, "we received your complaint")
        self.assertEqual(len(ack), 1)
        self.assertEqual(
            ack.subject, f"{complaint.reference}: we received your complaint"
        )
        self.assertEqual(ack.partner_ids, self.contact)
        self.assertIn(complaint.reference, ack.body)
        # Received Monday 09:00 Shanghai: answer within 4 working hours, i.e.
        # 14:00 Shanghai = 07:00 in Paris; result within 16 hours: Tuesday 18:00
        # Shanghai = 11:00 in Paris.
        self.assertEqual(complaint.response_deadline, shanghai(5, 14))
        body = ack.body.replace("\u202f", " ")
        self.assertIn("Mon, Jan 5, 2026, 7:00 AM", body)
        self.assertIn("Tue, Jan 6, 2026, 11:00 AM", body)
        # Mailed to the customer, not only logged
        self.assertRecordValues(
            ack.notification_ids,
            [{"res_partner_id": self.contact.id, "notification_type": "email"}],
        )
        # An automated mail does not count as the team's first response
        self.assertFalse(complaint.date_first_response)

    def test_html_mail_keeps_formatting_and_attachment(self):
        pdf = base64.b64encode(b"%PDF-1.4 fake invoice").decode()
        complaint = self._process(HTML_WITH_ATTACHMENT.format(pdf=pdf))
        self.assertEqual(complaint.name, "Broken display")
        self.assertIn("<b>display</b>", complaint.description)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "service.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attachment.name, "invoice.pdf")
        self.assertEqual(attachment.raw, b"%PDF-1.4 fake invoice")
        incoming = complaint.message_ids.filtered(
            lambda message: message.message_type == "email"
        )
        self.assertEqual(incoming.attachment_ids, attachment)

    def test_chinese_encoded_subject_is_decoded(self):
        subject = Header("咖啡机无法启动", "utf-8").encode()
        self.assertTrue(subject.startswith("=?utf-8?"))
        complaint = self._process(PLAIN.format(subject=subject, message_id="zh-1"))
        self.assertEqual(complaint.name, "咖啡机无法启动")

    def test_unknown_sender_becomes_a_new_contact(self):
        Partner = self.env["res.partner"]
        self.assertFalse(
            Partner.search([("email", "=", "zhang.san@newcustomer.example.com")])
        )
        complaint = self._process(UNKNOWN_SENDER)
        partner = complaint.partner_id
        self.assertRecordValues(
            partner,
            [{"name": "Zhang San", "email": "zhang.san@newcustomer.example.com"}],
        )
        self.assertEqual(complaint.channel_id, self.channel_email)
        self.assertEqual(len(self._customer_messages(complaint, "received")), 1)

    def test_customer_reply_lands_in_the_thread_and_asks_for_next_response(self):
        complaint = self._process(
            PLAIN.format(subject="Machine does not start", message_id="thread-1")
        )
        complaint.user_id = self.agent
        with freeze_time(shanghai(5, 10)):
            complaint.with_user(self.agent).message_post(
                body="We are looking into it.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(complaint.date_first_response, shanghai(5, 10))
        count = self.Complaint.search_count([])
        with freeze_time(shanghai(5, 15)):
            replied = self._process(
                REPLY.format(
                    reference=complaint.reference,
                    parent="<thread-1@mail.example.com>",
                )
            )
        self.assertEqual(replied, complaint)
        self.assertEqual(self.Complaint.search_count([]), count)
        reply = complaint.message_ids.filtered(
            lambda message: "SN-4711" in (message.body or "")
        )
        self.assertEqual(reply.author_id, self.contact)
        self.assertEqual(complaint.date_last_customer_message, shanghai(5, 15))
        # Next response within 2 working hours: 15:00 -> 17:00 Shanghai
        self.assertEqual(complaint.next_response_deadline, shanghai(5, 17))

    def test_mail_without_valid_sender_fails_and_writes_nothing(self):
        complaints = self.Complaint.search_count([])
        partners = self.env["res.partner"].search_count([])
        # The gateway bounces the mail in a cursor of its own: share ours.
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        with self.assertRefused(ValueError, "valid sender address"):
            self._process(NO_SENDER)
        self.assertEqual(self.Complaint.search_count([]), complaints)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertFalse(
            self.env["mail.message"].search(
                [("message_id", "=", "<nosender-1@mail.example.com>")]
            )
        )

    def test_staff_reply_in_chatter_is_the_first_response(self):
        complaint = self.create_complaint()
        self.assertFalse(complaint.date_first_response)
        with freeze_time(shanghai(5, 11)):
            complaint.with_user(self.agent).message_post(
                body="Hello, we call you in an hour.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(complaint.date_first_response, shanghai(5, 11))

    def test_result_mail_carries_solution_and_answer_links(self):
        complaint = self.create_complaint()
        complaint.write(
            {
                "solution": "<p>We replaced the main board.</p>",
                "stage_id": self.stage["fed_back"].id,
            }
        )
        result = self._customer_messages(complaint, "the result of your complaint")
        self.assertEqual(len(result), 1)
        self.assertEqual(result.partner_ids, self.contact)
        self.assertIn("We replaced the main board.", result.body)
        self.assertTrue(complaint.access_token)
        self.assertIn(
            f"/complaint/{complaint.id}/accept?access_token={complaint.access_token}",
            result.body,
        )
        self.assertIn(
            f"/complaint/{complaint.id}/reopen?access_token={complaint.access_token}",
            result.body,
        )
        # Moving on to another stage does not send it again
        complaint.write(
            {"customer_evaluation": "satisfied", "stage_id": self.stage["evaluated"].id}
        )
        self.assertEqual(
            len(self._customer_messages(complaint, "the result of your complaint")), 1
        )

    def test_no_mail_to_a_customer_without_email(self):
        self.contact.email = False
        complaint = self.create_complaint()
        self.assertFalse(
            complaint.message_ids.filtered(
                lambda message: message.message_type == "auto_comment"
            )
        )

    def test_acknowledgement_in_chinese_for_a_chinese_customer(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_service_quality")._update_translations(["zh_CN"])
        self.contact.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        complaint = self._process(
            PLAIN.format(subject="Machine does not start", message_id="ack-zh")
        )
        ack = self._customer_messages(complaint, "我们已收到您的投诉")
        self.assertEqual(ack.subject, f"{complaint.reference}：我们已收到您的投诉")
        self.assertIn("感谢您的反馈", ack.body)
        self.assertIn(complaint.reference, ack.body)
        # Dates in Chinese, in Shanghai time: Monday 14:00 and Tuesday 18:00
        self.assertIn("2026年1月5日周一 14:00", ack.body)
        self.assertIn("2026年1月6日周二 18:00", ack.body)

    def _fed_back_complaint(self):
        complaint = self.create_complaint()
        complaint.write(
            {
                "solution": "<p>We replaced the main board.</p>",
                "stage_id": self.stage["fed_back"].id,
            }
        )
        return complaint

    def test_customer_accept_needs_an_evaluation_and_the_fed_back_step(self):
        complaint = self._fed_back_complaint()
        with self.assertRefused(ValidationError, "how satisfied"):
            complaint.action_customer_accept("delighted")
        self.assertEqual(complaint.stage_id, self.stage["fed_back"])
        complaint.action_customer_accept("satisfied", "  Thanks!  ")
        self.assertRecordValues(
            complaint,
            [
                {
                    "stage_id": self.stage["evaluated"].id,
                    "customer_evaluation": "satisfied",
                    "evaluation_note": "Thanks!",
                }
            ],
        )
        with self.assertRefused(UserError, "not waiting for your answer"):
            complaint.action_customer_reopen("Changed my mind")
        self.assertEqual(complaint.reopen_count, 0)

    def test_customer_reopen_continues_the_clock_when_the_standard_says_so(self):
        self.standard_repair.reopen_policy = "continue"
        with freeze_time(shanghai(5, 9)):
            complaint = self.create_complaint()
        # Result fed back after 3 working hours (09:00 -> 12:00)
        with freeze_time(shanghai(5, 12)):
            complaint.write(
                {
                    "solution": "<p>Replaced.</p>",
                    "stage_id": self.stage["fed_back"].id,
                }
            )
        self.assertEqual(complaint.resolution_working_hours, 3.0)
        with self.assertRefused(ValidationError, "why the result"):
            complaint.action_customer_reopen("  ")
        with freeze_time(shanghai(6, 9)):
            complaint.action_customer_reopen("It broke again.")
        self.assertEqual(complaint.stage_id, self.stage["handling"])
        self.assertEqual(complaint.reopen_count, 1)
        self.assertEqual(complaint.resolution_hours_consumed, 3.0)
        # 16 hours allowed, 3 used: 13 more from Tuesday 09:00 -> Wednesday 15:00
        self.assertEqual(complaint.resolution_deadline, shanghai(7, 15))

    def _mails_to(self, partner):
        """Mails created for ``partner`` since the gateway mock started."""
        return self._new_mails.filtered(lambda mail: partner in mail.recipient_ids)

    def test_auto_reply_to_the_alias_opens_no_complaint_and_gets_no_mail(self):
        complaints = self.Complaint.search_count([])
        for number, header in enumerate(AUTO_HEADERS):
            with self.subTest(header=header), self.mock_mail_gateway():
                self.assertFalse(
                    self._process(
                        OUT_OF_OFFICE.format(
                            subject="Out of office",
                            message_id=f"ooo-{number}",
                            headers=header,
                        )
                    )
                )
                self.assertEqual(self.Complaint.search_count([]), complaints)
                self.assertFalse(self._new_mails)

    def test_human_mail_saying_auto_submitted_no_is_a_complaint(self):
        with self.mock_mail_gateway():
            complaint = self._process(
                OUT_OF_OFFICE.format(
                    subject="Not a robot",
                    message_id="human-1",
                    headers="Auto-Submitted: no",
                )
            )
        self.assertEqual(complaint.name, "Not a robot")
        self.assertEqual(len(self._customer_messages(complaint, "received")), 1)
        self.assertEqual(len(self._mails_to(self.contact)), 1)

    def test_auto_reply_on_a_complaint_is_logged_but_not_answered(self):
        complaint = self._process(
            PLAIN.format(subject="Machine does not start", message_id="loop-1")
        )
        last_message = complaint.date_last_customer_message
        with freeze_time(shanghai(5, 16)), self.mock_mail_gateway():
            replied = self._process(
                OUT_OF_OFFICE.format(
                    subject=f"Re: {complaint.reference}: we received your complaint",
                    message_id="loop-2",
                    headers="Auto-Submitted: auto-replied\n"
                    "In-Reply-To: <loop-1@mail.example.com>",
                )
            )
        self.assertEqual(replied, complaint)
        logged = complaint.message_ids.filtered(
            lambda message: "out of the office" in (message.body or "")
        )
        self.assertEqual(len(logged), 1)
        self.assertTrue(logged.subtype_id.internal)
        self.assertFalse(self._mails_to(self.contact))
        # An out-of-office is not the customer answering: no clock starts
        self.assertEqual(complaint.date_last_customer_message, last_message)
        self.assertFalse(complaint.next_response_deadline)

    def test_our_automated_mails_say_they_are_auto_generated(self):
        with self.mock_mail_gateway():
            complaint = self._process(
                PLAIN.format(subject="Machine does not start", message_id="hdr-1")
            )
        ack = self._mails_to(self.contact)
        self.assertEqual(len(ack), 1)
        self.assertIn("we received your complaint", ack.subject)
        self.assertEqual(
            ast.literal_eval(ack.headers).get("Auto-Submitted"), "auto-generated"
        )
        # A person of the team writing to the customer is not automated
        complaint.user_id = self.agent
        with self.mock_mail_gateway():
            complaint.with_user(self.agent).message_post(
                body="We are looking into it.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.contact.ids,
            )
        reply = self._mails_to(self.contact)
        self.assertEqual(len(reply), 1)
        self.assertNotIn("Auto-Submitted", ast.literal_eval(reply.headers or "{}"))
