# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from ..models.service_kpi_engine import SOURCES
from .common import JAN_1, JAN_31, KpiCommon
from .reference import reference


@tagged("post_install", "-at_install")
class TestKpiReference(KpiCommon):
    """The SQL figures equal the naive per-record reference, KPI by KPI, on
    the test cases and on whatever else the database holds (the demo data:
    a year of complaints, survey answers, expectation forms, promises)."""

    def assert_same(self, env, date_from, date_to):
        # The reference reads the built-in sources; a bridge's (e.g. helpdesk
        # tickets feeding the complaint figures) is checked by the bridge's
        # own reference.
        env = env(context=dict(env.context, kpi_sources=list(SOURCES)))
        kpis = env["service.kpi"].search([])
        self.assertGreaterEqual(len(kpis), 21)
        figures = kpis._totals(date_from, date_to)
        for kpi in kpis:
            expected = reference(env, kpi.computation, date_from, date_to)
            figure = figures[kpi]
            actual = figure["value"] if figure else None
            if kpi.computation in ("backlog", "breached_open") and not actual:
                actual = actual or 0.0
                expected = expected or 0.0
            with self.subTest(kpi=kpi.code, start=date_from, end=date_to):
                if expected is None:
                    self.assertIsNone(actual)
                else:
                    self.assertIsNotNone(actual)
                    self.assertAlmostEqual(actual, expected, places=6)

    def test_reference_on_the_test_cases(self):
        self.assert_same(self.as_company(), JAN_1, JAN_31)
        self.assert_same(self.as_company(), date(2025, 12, 1), date(2026, 2, 28))

    def test_reference_on_all_data_month_by_month(self):
        env = self.env(
            context=dict(
                self.env.context,
                allowed_company_ids=self.env["res.company"].search([]).ids,
                tz="Asia/Shanghai",
            )
        )
        today = fields.Date.today()
        start = today.replace(day=1) - relativedelta(months=12)
        month = start
        while month <= today:
            end = month + relativedelta(months=1, days=-1)
            self.assert_same(env, month, end)
            month += relativedelta(months=1)
        self.assert_same(env, start, today)
