# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.service_quality.tests.common import shanghai
from odoo.addons.service_quality_helpdesk.hooks import post_init_hook

from .common import HelpdeskCommon


@tagged("post_install", "-at_install")
class TestTicketDeadline(HelpdeskCommon):
    """A ticket of the repair category gets the repair standard's deadlines
    in its team's working hours, as a complaint does."""

    def test_standard_matched_from_category_and_tier(self):
        ticket = self.create_ticket()
        self.assertEqual(ticket.service_type_id, self.type_repair)
        self.assertEqual(ticket.service_tier_id, self.tier_small)
        self.assertEqual(ticket.standard_id, self.standard_repair)
        self.assertEqual(ticket.attitude_norms, "<p>Be kind.</p>")
        ticket.partner_id = self.top_customer
        self.assertEqual(ticket.standard_id, self.standard_repair_top)
        other = self.create_ticket(category_id=False)
        self.assertFalse(other.standard_id)
        self.assertFalse(other.response_deadline)

    def test_deadline_skips_the_weekend(self):
        with self.at(shanghai(9, 16)):  # Friday 16:00
            ticket = self.create_ticket()
        # Friday 16-18 (2 h), then Monday 09-11.
        self.assertEqual(ticket.service_date_received, shanghai(9, 16))
        self.assertEqual(ticket.response_deadline, shanghai(12, 11))
        # Friday 2 h, Monday 8 h, Tuesday 09-12 and 13-16.
        self.assertEqual(ticket.resolution_deadline, shanghai(13, 16))
        self.assertEqual(ticket.response_status, "on_time")
        self.assertEqual(ticket.next_deadline, shanghai(12, 11))

    def test_deadline_skips_a_public_holiday(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "date_from": shanghai(12, 0),
                "date_to": shanghai(12, 23, 59),
            }
        )
        with self.at(shanghai(9, 16)):
            ticket = self.create_ticket()
        # Monday is a holiday: Friday 2 h, Tuesday 09-11.
        self.assertEqual(ticket.response_deadline, shanghai(13, 11))

    def test_the_team_calendar_wins_over_the_standard_one(self):
        self.standard_repair.calendar_id = self.calendar.copy(
            {"tz": "America/New_York"}
        )
        with self.at(shanghai(5, 16)):  # Monday 16:00 in Shanghai
            ticket = self.create_ticket()
        # The team's Shanghai hours: Monday 16-18, Tuesday 09-11.
        self.assertEqual(ticket.response_deadline, shanghai(6, 11))
        self.hd_team.resource_calendar_id = False
        with self.at(shanghai(5, 16)):
            ticket = self.create_ticket()
        # Without team hours, the standard's New York ones (19:00 UTC).
        self.assertEqual(str(ticket.response_deadline), "2026-01-05 19:00:00")

    def test_first_response_is_the_first_public_staff_message(self):
        with self.at(shanghai(5, 9)):
            ticket = self.create_ticket()
        with self.at(shanghai(5, 10)):
            ticket.with_user(self.hd_agent).message_post(
                body="Internal: check the warranty",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.assertFalse(ticket.date_first_response)
        with self.at(shanghai(5, 11)):
            self.agent_replies(ticket)
        self.assertEqual(ticket.date_first_response, shanghai(5, 11))
        self.assertAlmostEqual(ticket.response_working_hours, 2.0)
        self.assertEqual(ticket.response_status, "on_time")

    def test_awaiting_stage_pauses_and_a_customer_mail_resumes(self):
        with self.at(shanghai(5, 9)):  # Monday 09:00
            ticket = self.create_ticket()
        self.assertEqual(ticket.resolution_deadline, shanghai(6, 18))
        with self.at(shanghai(5, 12)):  # 3 working hours used
            ticket.stage_id = self.hd_stage["awaiting"]
        self.assertTrue(ticket.resolution_paused)
        self.assertAlmostEqual(ticket.resolution_hours_consumed, 3.0)
        self.assertFalse(ticket.resolution_deadline)
        with self.at(shanghai(7, 9)):  # Wednesday 09:00, the customer answers
            self.customer_writes(ticket)
        self.assertEqual(ticket.stage_id, self.hd_stage["progress"])
        self.assertFalse(ticket.resolution_paused)
        # 13 h left: Wednesday 8 h, Thursday 09-12 and 13-15.
        self.assertEqual(ticket.resolution_deadline, shanghai(8, 15))
        with self.at(shanghai(8, 10)):
            ticket.stage_id = self.hd_stage["done"]
        # 3 h before the pause, Wednesday 8 h, Thursday 1 h.
        self.assertEqual(ticket.date_resolved, shanghai(8, 10))
        self.assertAlmostEqual(ticket.resolution_working_hours, 12.0)
        self.assertEqual(ticket.resolution_status, "on_time")
        self.assertFalse(ticket.next_deadline)

    def test_each_customer_mail_after_the_first_response_opens_a_next_response(self):
        with self.at(shanghai(5, 9)):
            ticket = self.create_ticket()
        with self.at(shanghai(5, 10)):
            self.agent_replies(ticket, body="Please send a photo")
        self.assertFalse(ticket.next_response_deadline)
        with self.at(shanghai(5, 14)):
            self.customer_writes(ticket, "Photo attached")
        self.assertEqual(ticket.date_last_customer_message, shanghai(5, 14))
        # Next response within 2 working hours.
        self.assertEqual(ticket.next_response_deadline, shanghai(5, 16))
        with self.at(shanghai(5, 17)):  # answered late
            self.agent_replies(ticket, body="Thanks, replacing it")
        self.assertFalse(ticket.next_response_deadline)
        self.assertEqual(ticket.next_response_breach_count, 1)
        self.assertEqual(ticket.date_first_response, shanghai(5, 10))

    def test_cancelled_ticket_has_no_status(self):
        with self.at(shanghai(5, 9)):
            ticket = self.create_ticket()
        with self.at(shanghai(9, 9)):
            ticket.stage_id = self.hd_stage["cancelled"]
        self.assertFalse(ticket.date_resolved)
        self.assertFalse(ticket.deadline_status)

    def test_install_dates_the_existing_tickets_on_their_creation(self):
        ticket = self.create_ticket()
        done = self.create_ticket()
        done.stage_id = self.hd_stage["done"]
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET service_date_received = NULL,"
            " date_resolved = NULL, create_date = %s, closed_date = %s"
            " WHERE id IN %s",
            (shanghai(5, 9), shanghai(5, 11), (ticket.id, done.id)),
        )
        self.env.invalidate_all()
        post_init_hook(self.env)
        self.assertEqual(ticket.service_date_received, shanghai(5, 9))
        self.assertEqual(ticket.response_deadline, shanghai(5, 14))
        # Long past its deadline, never answered.
        self.assertEqual(ticket.response_status, "breached")
        self.assertFalse(ticket.date_resolved)
        self.assertEqual(done.date_resolved, shanghai(5, 11))
        self.assertEqual(done.resolution_status, "on_time")

    def test_a_reply_by_mail_through_the_gateway_opens_a_next_response(self):
        with self.at(shanghai(5, 9)):
            ticket = self.create_ticket()
        with self.at(shanghai(5, 10)):
            self.agent_replies(ticket, body="Please send a photo")
        raw = (
            "From: Shop Owner <owner@example.com>\r\n"
            "To: support@example.com\r\n"
            f"Subject: Re: {ticket.display_name}\r\n"
            "Date: Mon, 05 Jan 2026 06:00:00 +0000\r\n"
            "Message-ID: <hd-reply-1@example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "\r\n"
            "Photo attached.\r\n"
        )
        with self.at(shanghai(5, 14)):
            self.env["mail.thread"].message_process(
                "helpdesk.ticket", raw, thread_id=ticket.id
            )
        self.assertEqual(ticket.message_ids[:1].author_id, self.contact)
        self.assertEqual(ticket.date_last_customer_message, shanghai(5, 14))
        self.assertEqual(ticket.next_response_deadline, shanghai(5, 16))
