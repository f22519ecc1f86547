# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ServiceQualityCommon, shanghai


@tagged("post_install", "-at_install")
@freeze_time(shanghai(5, 9))
class TestStandardMatching(ServiceQualityCommon):
    def test_tier_specific_standard_wins_over_every_tier(self):
        small = self.create_complaint()
        top = self.create_complaint(partner_id=self.top_customer.id)
        self.assertEqual(small.standard_id, self.standard_repair)
        self.assertEqual(top.standard_id, self.standard_repair_top)

    def test_channel_specific_standard_wins_over_every_channel(self):
        generic = self.env["service.standard"].create(
            {
                "name": "Questions",
                "code": "T-Q",
                "service_type_id": self.type_question.id,
                "calendar_id": self.calendar.id,
                "response_hours": 8,
                "next_response_hours": 8,
                "resolution_hours": 16,
                "date_start": "2025-01-01",
            }
        )
        social = generic.copy(
            {
                "code": "T-Q-SOCIAL",
                "channel_ids": [Command.set(self.channel_social.ids)],
                "response_hours": 1,
            }
        )
        by_phone = self.create_complaint(service_type_id=self.type_question.id)
        on_social = self.create_complaint(
            service_type_id=self.type_question.id, channel_id=self.channel_social.id
        )
        self.assertEqual(by_phone.standard_id, generic)
        self.assertEqual(on_social.standard_id, social)

    def test_tier_is_more_specific_than_channel(self):
        self.standard_repair.copy(
            {
                "code": "T-STD-REPAIR-SOCIAL",
                "channel_ids": [Command.set(self.channel_social.ids)],
            }
        )
        complaint = self.create_complaint(
            partner_id=self.top_customer.id, channel_id=self.channel_social.id
        )
        self.assertEqual(complaint.standard_id, self.standard_repair_top)

    def test_only_standards_in_effect_on_the_received_day_apply(self):
        self.standard_repair.date_end = "2025-12-31"
        newer = self.standard_repair.copy(
            {"code": "T-STD-REPAIR-2026", "date_start": "2026-01-01", "date_end": False}
        )
        self.standard_repair.copy(
            {
                "code": "T-STD-REPAIR-FUTURE",
                "date_start": "2026-02-01",
                "date_end": False,
            }
        )
        complaint = self.create_complaint()
        self.assertEqual(complaint.standard_id, newer)
        old = self.create_complaint(date_received=shanghai(5, 9).replace(year=2025))
        self.assertEqual(old.standard_id, self.standard_repair)

    def test_company_standard_wins_over_shared_one(self):
        shared = self.standard_repair
        shared.company_id = False
        own = shared.copy({"code": "T-STD-OWN", "company_id": self.company.id})
        self.assertEqual(self.create_complaint().standard_id, own)

    def test_no_service_type_means_no_standard_and_no_deadline(self):
        complaint = self.create_complaint(service_type_id=False)
        self.assertFalse(complaint.standard_id)
        self.assertFalse(complaint.response_deadline)
        self.assertFalse(complaint.deadline_status)

    def test_form_shows_tier_standard_and_deadline_as_the_user_fills_it(self):
        with Form(self.env["service.complaint"].with_user(self.agent)) as form:
            form.name = "Screen flickers"
            form.partner_id = self.contact
            self.assertEqual(form.tier_id, self.tier_small)
            form.service_type_id = self.type_repair
            self.assertEqual(form.standard_id, self.standard_repair)
            self.assertEqual(form.response_deadline, shanghai(5, 14))
        complaint = form.save()
        self.assertEqual(complaint.team_id, self.team)
        self.assertEqual(complaint.user_id, self.agent)
        self.assertTrue(complaint.reference.startswith("SC/"))


@tagged("post_install", "-at_install")
class TestStandardBadInput(ServiceQualityCommon):
    def _values(self, **values):
        vals = {
            "name": "Bad",
            "code": "T-BAD",
            "service_type_id": self.type_repair.id,
            "calendar_id": self.calendar.id,
            "response_hours": 2,
            "next_response_hours": 2,
            "resolution_hours": 8,
        }
        vals.update(values)
        return vals

    def _assert_rejected(self, message, **values):
        Standard = self.env["service.standard"]
        count = Standard.search_count([])
        with self.assertRefused(ValidationError, message):
            Standard.create(self._values(**values))
        self.assertEqual(Standard.search_count([]), count, "nothing half-written")

    def test_zero_or_negative_time_limits_are_rejected(self):
        self._assert_rejected("first response time .* positive", response_hours=0)
        self._assert_rejected("resolution time .* positive", resolution_hours=-4)
        self._assert_rejected("next response time .* positive", next_response_hours=0)

    def test_resolution_shorter_than_response_is_rejected(self):
        self._assert_rejected("cannot be shorter", response_hours=8, resolution_hours=4)

    def test_end_before_start_is_rejected(self):
        self._assert_rejected(
            "ends .* before it starts", date_start="2026-02-01", date_end="2026-01-01"
        )

    def test_warning_threshold_must_be_a_percentage(self):
        self._assert_rejected("between 0 and 100", warning_percent=0)
        self._assert_rejected("between 0 and 100", warning_percent=120)

    def test_duplicate_code_is_rejected_even_in_other_case(self):
        self._assert_rejected("already used", code="t-std-repair")

    def test_standard_without_calendar_is_rejected(self):
        Standard = self.env["service.standard"]
        count = Standard.search_count([])
        with self.assertRefused(ValidationError, "needs working hours"):
            Standard.create(self._values(calendar_id=False))
        self.assertEqual(Standard.search_count([]), count)

    def test_escalation_levels_are_checked(self):
        with self.assertRefused(ValidationError, "from 1 to 3"):
            self.standard_repair.escalation_rule_ids = [Command.create({"level": 4})]
        with self.assertRefused(ValidationError, "needs the user"):
            self.standard_repair.escalation_rule_ids = [
                Command.create({"level": 1, "notify": "user"})
            ]
        with self.assertRefused(ValidationError, "must not fire before"):
            self.standard_repair.escalation_rule_ids = [
                Command.create({"level": 1, "hours_after_breach": 8}),
                Command.create({"level": 2, "hours_after_breach": 2}),
            ]
        self.assertFalse(self.standard_repair.escalation_rule_ids)

    def test_copy_gets_a_new_code(self):
        copy = self.standard_repair.copy()
        self.assertEqual(copy.code, "T-STD-REPAIR (copy)")
