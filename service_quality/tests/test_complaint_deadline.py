# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ServiceQualityCommon, shanghai


@tagged("post_install", "-at_install")
class TestComplaintDeadline(ServiceQualityCommon):
    """Deadlines are working hours of the standard's calendar: 09-12 and 13-18
    Monday to Friday in Shanghai; the repair standard allows 4 h to respond
    and 16 h to resolve."""

    def test_deadline_skips_the_weekend(self):
        with self.at(shanghai(9, 16)):  # Friday 16:00
            complaint = self.create_complaint()
        # Friday 16-18 (2 h), then Monday 09-11.
        self.assertEqual(complaint.response_deadline, shanghai(12, 11))
        # 80 % of 4 h = 3 h 12 min: Friday 2 h, Monday 09:00 + 1 h 12.
        self.assertEqual(complaint.response_warning_date, shanghai(12, 10, 12))
        # Friday 2 h, Monday 8 h, Tuesday 09-12 and 13-16.
        self.assertEqual(complaint.resolution_deadline, shanghai(13, 16))
        self.assertEqual(complaint.response_status, "on_time")

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
            complaint = self.create_complaint()
        # Monday is a holiday: Friday 2 h, Tuesday 09-11.
        self.assertEqual(complaint.response_deadline, shanghai(13, 11))

    def test_deadline_follows_the_time_zone_of_the_calendar(self):
        new_york = self.calendar.copy({"tz": "America/New_York"})
        self.standard_repair.calendar_id = new_york
        received = shanghai(5, 16)  # Monday 08:00 UTC = 03:00 in New York
        with self.at(received):
            complaint = self.create_complaint(date_received=received)
        # New York office: Monday 09-12 and 13-14 local = 19:00 UTC.
        self.assertEqual(str(complaint.response_deadline), "2026-01-05 19:00:00")
        self.standard_repair.calendar_id = self.calendar
        with self.at(received):
            shanghai_case = self.create_complaint(date_received=received)
        # Shanghai office: Monday 16-18, Tuesday 09-11 local = 03:00 UTC.
        self.assertEqual(str(shanghai_case.response_deadline), "2026-01-06 03:00:00")

    def test_change_of_standard_recomputes_the_deadlines(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
            self.assertEqual(complaint.response_deadline, shanghai(5, 14))
            complaint.partner_id = self.top_customer
        self.assertEqual(complaint.tier_id, self.tier_top)
        self.assertEqual(complaint.standard_id, self.standard_repair_top)
        self.assertEqual(complaint.response_deadline, shanghai(5, 10))
        self.assertEqual(complaint.resolution_deadline, shanghai(5, 18))

    def test_first_response_time_is_counted_in_working_hours(self):
        with self.at(shanghai(9, 17)):  # Friday 17:00
            complaint = self.create_complaint()
        with self.at(shanghai(12, 10)):  # Monday 10:00
            complaint.with_user(self.agent).message_post(
                body="We are on it.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(complaint.date_first_response, shanghai(12, 10))
        self.assertAlmostEqual(complaint.response_working_hours, 2.0)
        self.assertEqual(complaint.response_status, "on_time")

    def test_internal_note_is_not_a_response(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
            complaint.with_user(self.agent).message_post(
                body="Checking stock",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.assertFalse(complaint.date_first_response)

    def test_late_first_response_is_breached(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
        with self.at(shanghai(5, 15)):  # 5 working hours later
            complaint.with_user(self.agent).message_post(
                body="Sorry for the wait",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(complaint.response_status, "breached")

    def test_waiting_on_customer_pauses_the_resolution_clock(self):
        with self.at(shanghai(5, 9)):  # Monday 09:00
            complaint = self.create_complaint()
        self.assertEqual(complaint.resolution_deadline, shanghai(6, 18))
        with self.at(shanghai(5, 12)):  # 3 working hours used
            complaint.stage_id = self.stage["waiting"]
        self.assertTrue(complaint.resolution_paused)
        self.assertAlmostEqual(complaint.resolution_hours_consumed, 3.0)
        self.assertFalse(complaint.resolution_deadline)
        self.assertEqual(complaint.resolution_status, "on_time")
        with self.at(shanghai(7, 9)):  # Wednesday 09:00, the customer answers
            complaint.stage_id = self.stage["handling"]
        self.assertFalse(complaint.resolution_paused)
        # 13 h left: Wednesday 8 h, Thursday 09-12 and 13-15.
        self.assertEqual(complaint.resolution_deadline, shanghai(8, 15))
        with self.at(shanghai(8, 10)):
            complaint.write(
                {"solution": "<p>Replaced</p>", "stage_id": self.stage["fed_back"].id}
            )
        # 3 h before the pause, Wednesday 8 h, Thursday 1 h.
        self.assertAlmostEqual(complaint.resolution_working_hours, 12.0)
        self.assertEqual(complaint.resolution_status, "on_time")

    def test_customer_reply_to_a_waiting_case_resumes_it(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
            complaint.stage_id = self.stage["waiting"]
        with self.at(shanghai(5, 14)):
            complaint.message_post(
                body="Here is the serial number",
                author_id=self.contact.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(complaint.stage_id.kind, "handling")
        self.assertFalse(complaint.stage_id.pause_resolution)
        self.assertFalse(complaint.resolution_paused)

    def test_each_customer_message_after_the_first_response_opens_a_next_response(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
        with self.at(shanghai(5, 10)):
            complaint.with_user(self.agent).message_post(
                body="Please send a photo",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(complaint.next_response_deadline)
        with self.at(shanghai(5, 14)):
            complaint.message_post(
                body="Photo attached",
                author_id=self.contact.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(complaint.date_last_customer_message, shanghai(5, 14))
        # Next response within 2 working hours.
        self.assertEqual(complaint.next_response_deadline, shanghai(5, 16))
        self.assertEqual(complaint.next_response_status, "on_time")
        with self.at(shanghai(5, 17)):  # answered late
            complaint.with_user(self.agent).message_post(
                body="Thanks, replacing it",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(complaint.next_response_deadline)
        self.assertEqual(complaint.next_response_breach_count, 1)
        self.assertEqual(complaint.date_first_response, shanghai(5, 10))

    def test_reopening_continues_or_restarts_the_clock_as_the_standard_says(self):
        with self.at(shanghai(5, 9)):
            complaint = self.create_complaint()
            complaint.stage_id = self.stage["handling"]
        with self.at(shanghai(5, 14)):  # 4 working hours
            complaint.write(
                {"solution": "<p>Reset</p>", "stage_id": self.stage["fed_back"].id}
            )
        self.assertAlmostEqual(complaint.resolution_working_hours, 4.0)
        with self.at(shanghai(6, 9)):
            complaint.stage_id = self.stage["handling"]
        self.assertEqual(complaint.reopen_count, 1)
        self.assertFalse(complaint.date_resolved)
        # 12 h left from Tuesday 09:00: Tuesday 8 h, Wednesday 09-12 and 13-14.
        self.assertEqual(complaint.resolution_deadline, shanghai(7, 14))

        self.standard_repair.reopen_policy = "restart"
        with self.at(shanghai(6, 10)):
            complaint.stage_id = self.stage["fed_back"]
        with self.at(shanghai(7, 9)):
            complaint.stage_id = self.stage["handling"]
        self.assertEqual(complaint.reopen_count, 2)
        # Full 16 h again from Wednesday 09:00.
        self.assertEqual(complaint.resolution_deadline, shanghai(8, 18))
