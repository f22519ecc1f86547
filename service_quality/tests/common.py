# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Monday 2026-01-05 .. Friday 2026-01-09 are working days; 2026-01-12 is the
# Monday after. Office hours 09:00-12:00 and 13:00-18:00 Asia/Shanghai
# (UTC+8, no daylight saving), i.e. 01:00-04:00 and 05:00-10:00 UTC.
MONDAY = datetime(2026, 1, 5)


def shanghai(day, hour, minute=0):
    """The naive UTC datetime of a wall-clock time in Shanghai (UTC+8) in
    January 2026, as Odoo stores it."""
    return datetime(2026, 1, day, hour, minute) - timedelta(hours=8)


class ServiceQualityCommon(TransactionCase):
    """Users, a Shanghai office calendar, two teams, tiers and standards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English messages whatever languages the database has loaded.
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, lang="en_US")
        )
        cls.company = cls.env.company
        cls.manager = new_test_user(
            cls.env,
            login="sq_manager",
            name="Service Manager",
            groups="service_quality.group_service_manager",
        )
        cls.agent = new_test_user(
            cls.env,
            login="sq_agent",
            name="Agent One",
            groups="service_quality.group_service_user",
        )
        cls.other_agent = new_test_user(
            cls.env,
            login="sq_agent_other",
            name="Agent Two",
            groups="service_quality.group_service_user",
        )
        cls.leader = new_test_user(
            cls.env,
            login="sq_leader",
            name="Team Leader",
            groups="service_quality.group_service_user",
        )
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Shanghai office",
                "tz": "Asia/Shanghai",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"day {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for start, end, period in (
                        (9, 12, "morning"),
                        (13, 18, "afternoon"),
                    )
                ],
            }
        )
        cls.team = cls.env["service.team"].create(
            {
                "name": "Support",
                "user_id": cls.leader.id,
                "member_ids": [Command.set(cls.agent.ids)],
            }
        )
        cls.other_team = cls.env["service.team"].create(
            {"name": "Other Support", "member_ids": [Command.set(cls.other_agent.ids)]}
        )
        Tier = cls.env["service.customer.tier"]
        cls.tier_top = Tier.create({"name": "Test Top", "sequence": 1})
        cls.tier_small = Tier.create({"name": "Test Small", "sequence": 4})
        Type = cls.env["service.type"]
        cls.type_repair = Type.create({"name": "Test Repair", "code": "T-REPAIR"})
        cls.type_question = Type.create({"name": "Test Question", "code": "T-QUESTION"})
        cls.channel_phone = cls.env.ref("service_quality.service_channel_phone")
        cls.channel_social = cls.env.ref("service_quality.service_channel_social")
        Standard = cls.env["service.standard"]
        cls.standard_repair = Standard.create(
            {
                "name": "Repair, every tier",
                "code": "T-STD-REPAIR",
                "service_type_id": cls.type_repair.id,
                "calendar_id": cls.calendar.id,
                "response_hours": 4,
                "next_response_hours": 2,
                "resolution_hours": 16,
                "date_start": "2025-01-01",
                "attitude_norms": "<p>Be kind.</p>",
            }
        )
        cls.standard_repair_top = Standard.create(
            {
                "name": "Repair, top tier",
                "code": "T-STD-REPAIR-TOP",
                "service_type_id": cls.type_repair.id,
                "tier_ids": [Command.set(cls.tier_top.ids)],
                "calendar_id": cls.calendar.id,
                "response_hours": 1,
                "next_response_hours": 1,
                "resolution_hours": 8,
                "date_start": "2025-01-01",
            }
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "Small Shop Ltd",
                "is_company": True,
                "service_tier_id": cls.tier_small.id,
                "email": "shop@example.com",
            }
        )
        cls.contact = Partner.create(
            {
                "name": "Shop Owner",
                "parent_id": cls.customer.id,
                "email": "owner@example.com",
            }
        )
        cls.top_customer = Partner.create(
            {"name": "Big Corp", "is_company": True, "service_tier_id": cls.tier_top.id}
        )
        cls.stage = {
            kind: cls.env.ref(f"service_quality.stage_{kind}")
            for kind in (
                "new",
                "dispatched",
                "handling",
                "waiting",
                "fed_back",
                "evaluated",
                "closed",
                "cancelled",
            )
        }
        cls.root_cause = cls.env["service.root.cause"].create({"name": "Test cause"})

    @contextmanager
    def assertRefused(self, exception, regex):
        """The operation fails with ``exception`` and leaves nothing behind:
        like a request, it is rolled back as a whole."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield
        self.env.invalidate_all()

    @contextmanager
    def at(self, moment):
        """Run at a frozen ``moment``; stored computes that depend on the
        clock (deadline statuses) are computed before the clock moves on."""
        with freeze_time(moment):
            yield
            self.env.flush_all()

    @classmethod
    def create_complaint(cls, **values):
        vals = {
            "name": "The machine does not start",
            "partner_id": cls.contact.id,
            "service_type_id": cls.type_repair.id,
            "channel_id": cls.channel_phone.id,
            "team_id": cls.team.id,
            "user_id": cls.agent.id,
        }
        vals.update(values)
        complaint = cls.env["service.complaint"].create(vals)
        complaint.flush_recordset()
        return complaint
