# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date
from statistics import median

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.service_quality.tests.common import shanghai

from .common import HelpdeskCommon

JAN_1, JAN_31 = date(2026, 1, 1), date(2026, 1, 31)


class TicketKpiData(HelpdeskCommon):
    """Three January tickets of the test's team, a cancelled one and a
    complaint."""

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


@tagged("post_install", "-at_install")
class TestTicketKpi(TicketKpiData):
    """Tickets feed the complaint figures; the ``kpi_sources`` context picks
    complaints, tickets or both. Figures are checked against a naive Python
    reading of the tickets and against the values worked out by hand."""

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

    def test_closed_month_snapshots_hold_every_source(self):
        Snapshot = self.env["service.kpi.snapshot"]
        # The demo's history closes this month without the test's team.
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM service_kpi_snapshot WHERE company_id = %s AND month = %s",
            (self.company.id, JAN_1),
        )
        self.env.invalidate_all()
        Snapshot._snapshot_month(JAN_1, self.company)
        Snapshot._close_months(date(2026, 2, 1), self.company)
        kpi = self.env.ref("kpi_dashboard.kpi_complaint_count")
        env = self.env(user=self.manager)
        env = env(context=dict(env.context, tz="UTC"))
        both = kpi.with_env(env)._totals(
            JAN_1, JAN_31, {"team": self.team.ids}, snapshots=True
        )
        self.assertEqual(both[kpi]["value"], 4)
        # A choice of source is computed: the snapshot holds both.
        tickets = kpi.with_env(env(context=dict(env.context, kpi_sources=["ticket"])))
        self.assertEqual(
            tickets._totals(JAN_1, JAN_31, {"team": self.team.ids}, snapshots=True)[
                tickets
            ]["value"],
            3,
        )

    def test_dashboard_and_export_choose_the_source(self):
        Kpi = self.env["service.kpi"].with_user(self.manager)

        def count(sources):
            data = Kpi.get_dashboard_data("last_12", self.team.ids, sources=sources)
            tile = next(t for t in data["tiles"] if t["code"] == "COMPLAINT_COUNT")
            return tile["value"]

        with self.at("2026-03-15 12:00:00"):
            self.assertEqual(count("ticket"), 3)
            self.assertEqual(count("complaint"), 1)
            self.assertEqual(count("all"), 4)
        with self.assertRaises(ValidationError):
            Kpi.get_dashboard_data("last_12", self.team.ids, sources="orders")
        Export = self.env["service.kpi.export"].with_user(self.manager)
        wizard = Export.create(
            {"date_from": JAN_1, "date_to": JAN_31, "service_sources": "ticket"}
        )
        params = wizard._workbook_params()
        self.assertEqual(params["sources"], "ticket")
        again = Export._from_workbook_params({k: str(v) for k, v in params.items()})
        self.assertEqual(again.service_sources, "ticket")
        with self.assertRaises(ValidationError):
            Export._from_workbook_params({**params, "sources": "orders"})
        output = io.BytesIO()
        again._write_workbook(output)
        self.assertTrue(output.getvalue().startswith(b"PK"))

    def test_agent_appraisal_counts_the_agents_tickets(self):
        appraisal = self.env["service.agent.appraisal"].with_user(self.manager)
        groups = appraisal._read_group(
            [
                ("kind", "=", "ticket"),
                ("team_id", "=", self.team.id),
                ("date", ">=", "2026-01-01"),
                ("date", "<=", "2026-01-31"),
            ],
            ["user_id"],
            ["complaint_count:sum", "response_on_time:avg", "response_count:sum"],
        )
        self.assertEqual(groups, [(self.hd_agent, 3, self.naive()["sla_response"], 3)])
        # The complaints' rows are still there, under their own kind.
        complaints = appraisal.search_count(
            [("kind", "=", "complaint"), ("team_id", "=", self.team.id)]
        )
        self.assertEqual(complaints, 1)
