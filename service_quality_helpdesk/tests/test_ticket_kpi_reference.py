# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.kpi_dashboard.tests.reference import REFERENCES, _bounds

from .test_ticket_kpi import JAN_1, JAN_31, TicketKpiData

# The KPI computations the tickets feed (those of the complaint source).
CASE_CODES = (
    "complaint_count",
    "frt_median",
    "frt_p90",
    "resolution_median",
    "resolution_p90",
    "sla_response",
    "sla_resolution",
    "backlog",
    "breached_open",
    "reopen_rate",
    "escalation_rate",
)


class _Case:
    """A ticket read as kpi_dashboard's naive reference reads a complaint."""

    def __init__(self, ticket):
        self.ticket = ticket
        self.date_received = ticket.service_date_received
        self.date_closed = ticket.service_is_closed and ticket.closed_date

    def __getattr__(self, name):
        return self.ticket[name]

    def __getitem__(self, name):
        return getattr(self, name)


class _TicketRange:
    """The period and the tickets of a reference computation."""

    def __init__(self, env, date_from, date_to):
        self.env = env
        self.date_from, self.date_to = date_from, date_to
        self.start, self.stop = _bounds(env, date_from, date_to)
        self.now = fields.Datetime.now()
        tickets = (
            env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "in", env.companies.ids)])
            .filtered(
                lambda t: t.service_date_received and not t.stage_id.service_cancelled
            )
        )
        self.complaints = [_Case(ticket) for ticket in tickets]
        self.received = [c for c in self.complaints if self.inside(c.date_received)]

    def inside(self, moment):
        return bool(moment) and self.start <= moment < self.stop


@tagged("post_install", "-at_install")
class TestTicketKpiReference(TicketKpiData):
    """The ticket figures of every case KPI equal kpi_dashboard's naive
    reference read on the tickets, month by month over the last year, on the
    test's tickets and whatever else the database holds (demo tickets)."""

    def assert_same(self, env, date_from, date_to):
        kpis = env["service.kpi"].search([("computation", "in", CASE_CODES)])
        self.assertEqual(len(set(kpis.mapped("computation"))), len(CASE_CODES))
        figures = kpis._totals(date_from, date_to)
        data = _TicketRange(env, date_from, date_to)
        for kpi in kpis:
            expected = REFERENCES[kpi.computation](data)
            figure = figures[kpi]
            actual = figure["value"] if figure else None
            if kpi.computation in ("backlog", "breached_open"):
                actual, expected = actual or 0.0, expected or 0.0
            with self.subTest(kpi=kpi.code, start=date_from, end=date_to):
                if expected is None:
                    self.assertIsNone(actual)
                else:
                    self.assertAlmostEqual(actual, expected, places=6)

    def test_reference_on_all_tickets_month_by_month(self):
        env = self.env(
            context=dict(
                self.env.context,
                allowed_company_ids=self.env["res.company"].search([]).ids,
                tz="Asia/Shanghai",
                kpi_sources=["ticket"],
            )
        )
        self.assert_same(env, date_from=JAN_1, date_to=JAN_31)
        today = fields.Date.today()
        month = today.replace(day=1) - relativedelta(months=12)
        while month <= today:
            self.assert_same(env, month, month + relativedelta(months=1, days=-1))
            month += relativedelta(months=1)
