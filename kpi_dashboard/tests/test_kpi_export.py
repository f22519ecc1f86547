# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import JAN_1, JAN_31, KpiCommon


@tagged("post_install", "-at_install")
class TestKpiExport(KpiCommon):
    def export(self, lang="en_US", tz="UTC", **values):
        env = self.as_company()
        env = env(context=dict(env.context, lang=lang, tz=tz))
        wizard = env["service.kpi.export"].create(
            {
                "date_from": JAN_1,
                "date_to": JAN_31,
                "company_ids": [(6, 0, self.company.ids)],
                **values,
            }
        )
        output = io.BytesIO()
        wizard._write_workbook(output)
        output.seek(0)
        return openpyxl.load_workbook(output)

    def rows(self, sheet):
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    def test_workbook_sheets_and_summary(self):
        book = self.export()
        self.assertEqual(
            book.sheetnames,
            [
                "Summary",
                "Trend",
                "By Team",
                "By Agent",
                "By Tier",
                "Causes",
                "SERVQUAL",
                "Complaints",
            ],
        )
        summary = self.rows(book["Summary"])
        self.assertEqual(
            summary[0][:7],
            [
                "KPI",
                "Unit",
                "Target",
                "Actual",
                "Previous Period",
                "Competitor",
                "Status",
            ],
        )
        by_name = {row[0]: row for row in summary[1:]}
        count = by_name[self.kpi("complaint_count").name]
        self.assertEqual(count[3], 5)
        self.assertEqual(count[4], 1, "previous period: December, C8")
        sla = by_name[self.kpi("sla_resolution").name]
        self.assertAlmostEqual(sla[3], 40.0)
        self.assertEqual(sla[6], "Off target")
        self.assertEqual(sla[10], "No", "5 cases are not significant")
        self.assertEqual(book["Summary"].freeze_panes, "B2")

    def test_workbook_gives_the_companys_closed_month_to_a_manager_abroad(self):
        # Received on Jan 31 at 20:00 UTC: February 1st in Shanghai.
        self._make_open_case("late", datetime(2026, 1, 31, 20))
        self.company.partner_id.tz = "Asia/Shanghai"
        Snapshot = self.env["service.kpi.snapshot"].with_env(self.as_company())
        Snapshot._snapshot_month(JAN_1, self.company)
        Snapshot._close_months(date(2026, 2, 1), self.company)
        book = self.export(tz="America/New_York")
        summary = self.rows(book["Summary"])
        by_name = {row[0]: row for row in summary[1:]}
        self.assertEqual(by_name[self.kpi("complaint_count").name][3], 5)
        notes = [row[0] for row in summary if row[0] and "Asia/Shanghai" in row[0]]
        self.assertEqual(len(notes), 1)
        self.assertIn("company's time zone", notes[0])

    def test_breakdowns_match_the_computation(self):
        book = self.export()
        team_rows = self.rows(book["By Team"])
        column = team_rows[0].index(self.kpi("complaint_count").name)
        counts = {row[0]: row[column] for row in team_rows[1:]}
        self.assertEqual(counts, {"Team A": 3, "Team B": 2})
        agent_rows = self.rows(book["By Agent"])
        column = agent_rows[0].index(self.kpi("frt_median").name)
        medians = {row[0]: row[column] for row in agent_rows[1:]}
        # Agent A1 answered C1 (1 h) and C2 (3 h); A2 C3 (5 h) and C4 (2 h).
        self.assertEqual(medians, {"Agent A1": 2.0, "Agent A2": 3.5})
        causes = self.rows(book["Causes"])
        self.assertEqual(causes[1][:4], ["Delivery (test)", 4, 80.0, 80.0])

    def test_trend_has_native_charts(self):
        book = self.export()
        trend = book["Trend"]
        self.assertEqual(trend["A2"].value, "2026-01")
        # openpyxl reads the charts back from the drawing part.
        self.assertGreaterEqual(len(trend._charts), 1)

    def test_case_sheet_lists_the_cases(self):
        book = self.export()
        cases = self.rows(book["Complaints"])
        self.assertEqual(cases[0][0], "Reference")
        subjects = sorted(row[1] for row in cases[1:])
        self.assertEqual(
            subjects, ["Case c1", "Case c2", "Case c3", "Case c4", "Case c5"]
        )
        c2 = next(row for row in cases[1:] if row[1] == "Case c2")
        self.assertEqual(c2[4], "Team A")
        self.assertEqual(c2[18], 1, "reopened once")
        self.assertEqual(book["Complaints"].freeze_panes, "B2")
        without = self.export(include_details=False)
        self.assertNotIn("Complaints", without.sheetnames)

    def test_filters_by_team(self):
        book = self.export(team_ids=[(6, 0, self.team_b.ids)])
        by_name = {row[0]: row for row in self.rows(book["Summary"])[1:]}
        self.assertEqual(by_name[self.kpi("complaint_count").name][3], 2)
        self.assertEqual(len(self.rows(book["Complaints"])), 3)

    def test_labels_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["kpi_dashboard"], ["zh_CN"])
        book = self.export(lang="zh_CN")
        self.assertEqual(book.sheetnames[:2], ["汇总", "趋势"])
        summary = self.rows(book["汇总"])
        self.assertEqual(summary[0][:4], ["指标", "单位", "目标", "实际值"])
        names = [row[0] for row in summary[1:]]
        self.assertIn("客户满意度 CSAT（满意占比）", names)
        by_name = {row[0]: row for row in summary[1:]}
        self.assertEqual(by_name["受理投诉数"][3], 5)
        self.assertEqual(by_name["解决时限达成率"][6], "未达标")

    def test_only_managers_export_and_dates_are_checked(self):
        env = self.as_company(self.agent_1)
        with self.assertRaises(AccessError):
            env["service.kpi.export"].create({"date_from": JAN_1, "date_to": JAN_31})
        with self.assertRaisesRegex(ValidationError, "before its start"):
            self.as_company()["service.kpi.export"].create(
                {"date_from": JAN_31, "date_to": JAN_1}
            )

    def test_ten_years_of_cases_in_keyset_pages(self):
        # Three cases received at the same instant, so that a page ends in
        # the middle of a tie on date_received: the id breaks it.
        tie = datetime(2018, 3, 4, 5, 6, 7)
        for name in ("t1", "t2", "t3"):
            self._make_open_case(name, tie)
        env = self.as_company()
        wizard = env["service.kpi.export"].create(
            {
                "date_from": date(2017, 1, 1),
                "date_to": date(2026, 12, 31),
                "company_ids": [(6, 0, self.company.ids)],
            }
        )
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT t.name FROM service_complaint t
              JOIN service_complaint_stage stage ON stage.id = t.stage_id
             WHERE t.company_id = %s AND stage.kind != 'cancelled'
             ORDER BY t.date_received, t.id
            """,
            [self.company.id],
        )
        expected = [row[0] for row in self.env.cr.fetchall()]
        self.assertEqual(len(expected), 10, "C1-C6, C8 and the three ties")
        self.assertEqual(expected[:3], ["Case t1", "Case t2", "Case t3"])
        filters = wizard._scoped()[1]
        for page_size in (1, 2, 3, 10, 5000):
            subjects = [row[1] for row in wizard._case_rows(filters, page_size)]
            self.assertEqual(subjects, expected, f"pages of {page_size}")
        output = io.BytesIO()
        wizard._write_workbook(output)
        output.seek(0)
        rows = self.rows(openpyxl.load_workbook(output)["Complaints"])
        self.assertEqual([row[1] for row in rows[1:]], expected)
