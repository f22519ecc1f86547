# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from statistics import median

from odoo import fields
from odoo.tests import tagged

from odoo.addons.service_quality.tests.common import shanghai

from .common import HelpdeskCommon

JAN_1, JAN_31 = date(2026, 1, 1), date(2026, 1, 31)


@tagged("post_install", "-at_install")
class TestTicketKpi(HelpdeskCommon):
    """Tickets feed the complaint figures; the ``kpi_sources`` context picks
    complaints, tickets or both. Figures are checked against a naive Python
    reading of the tickets and against the values worked out by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tickets = cls.env["helpdesk.ticket"]
        # Received Monday 09:00, answered 11:00: 2 h, on time.
        # Received Monday 09:00, answered 15:00: 5 h, late (4 h allowed).
        # Received Tuesday 09:00, never answered: breached.
        # Received Wednesday 09:00, cancelled: no case.
        for day, answered in ((5, shanghai(5, 11)), (5, shanghai(5, 15)), (6, None)):
            ticket = cls.create_ticket(service_date_received=shanghai(day, 9))
            if answered:
                ticket.date_first_response = answered
            cls.tickets |= ticket
        cls.cancelled = cls.create_ticket(service_date_received=shanghai(7, 9))
        cls.cancelled.stage_id = cls.hd_stage["cancelled"]
        cls.complaint = cls.create_complaint(date_received=shanghai(5, 10))
        cls.env.flush_all()

    def total(self, code, sources):
        kpi = self.env.ref(f"kpi_dashboard.kpi_{code}")
        env = self.env(user=self.manager)
        env = env(context=dict(env.context, tz="UTC", kpi_sources=sources))
        kpi = kpi.with_env(env)
        return kpi._totals(JAN_1, JAN_31, {"team": self.team.ids})[kpi]

    def naive(self):
        """The ticket figures read record by record."""
        tickets = self.env["helpdesk.ticket"].search(
            [
                ("service_team_id", "=", self.team.id),
                ("service_date_received", ">=", "2026-01-01"),
                ("service_date_received", "<", "2026-02-01"),
                ("stage_id.service_cancelled", "=", False),
            ]
        )
        now = fields.Datetime.now()
        known = tickets.filtered(
            lambda t: t.response_deadline
            and (t.date_first_response or t.response_deadline < now)
        )
        on_time = known.filtered(
            lambda t: t.date_first_response
            and t.date_first_response <= t.response_deadline
        )
        hours = tickets.filtered("date_first_response").mapped("response_working_hours")
        return {
            "count": len(tickets),
            "sla_response": 100.0 * len(on_time) / len(known),
            "frt_median": median(hours),
        }

    def test_ticket_figures_equal_the_naive_reference(self):
        naive = self.naive()
        self.assertEqual(naive["count"], 3)
        self.assertAlmostEqual(naive["sla_response"], 100.0 / 3)
        self.assertAlmostEqual(naive["frt_median"], 3.5)
        self.assertEqual(self.total("complaint_count", ["ticket"])["value"], 3)
        self.assertAlmostEqual(
            self.total("sla_response", ["ticket"])["value"], naive["sla_response"]
        )
        self.assertAlmostEqual(
            self.total("frt_median", ["ticket"])["value"], naive["frt_median"]
        )

    def test_source_filter_complaints_tickets_or_both(self):
        self.assertEqual(self.total("complaint_count", ["complaint"])["value"], 1)
        self.assertEqual(self.total("complaint_count", ["ticket"])["value"], 3)
        self.assertEqual(
            self.total("complaint_count", ["complaint", "ticket"])["value"], 4
        )
        self.assertEqual(self.total("complaint_count", None)["value"], 4)
        # The backlog counts the open tickets too.
        self.assertEqual(
            self.total("backlog", ["complaint", "ticket"])["value"],
            self.total("backlog", ["complaint"])["value"] + 3,
        )
