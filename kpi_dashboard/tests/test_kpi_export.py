# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.kpi_dashboard.wizards.service_kpi_export import (
    CHART_ROWS,
    SUMMARY_HEADER_ROW,
)

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

    def summary(self, book, name="Summary"):
        """The summary's table, under its title block: [header, *rows]."""
        return self.rows(book[name])[SUMMARY_HEADER_ROW:]

    def test_workbook_sheets_and_summary(self):
        book = self.export()
        # Bridges add their breakdowns after "By Tier" (_sheet_extra_breakdowns).
        self.assertEqual(
            book.sheetnames[:5], ["Summary", "Trend", "By Team", "By Agent", "By Tier"]
        )
        self.assertEqual(
            book.sheetnames[-4:],
            ["Causes", "SERVQUAL", "Importance-Performance", "Complaints"],
        )
        summary = self.summary(book)
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
        # Significance is no question for a count, nor without any case.
        self.assertIsNone(count[10])
        csat = by_name[self.kpi("csat").name]
        self.assertEqual(csat[7], 0)
        self.assertIsNone(csat[10])
        self.assertEqual(book["Summary"].freeze_panes, "B10")

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
        # The 12 months up to the period's end, for a period of one month.
        months = [row[0] for row in self.rows(trend)[1:13]]
        self.assertEqual(months[0], "2025-02")
        self.assertEqual(months[-1], "2026-01")
        self.assertIsNone(trend["A14"].value, "12 months, no more")
        # openpyxl reads the charts back from the drawing part.
        self.assertGreaterEqual(len(trend._charts), 1)
        self.assertNotOverlapping(trend)

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
        self.assertEqual(c2[18], "Yes", "reopened once")
        self.assertEqual(c2[11], "Normal")
        c1 = next(row for row in cases[1:] if row[1] == "Case c1")
        self.assertEqual(c1[18], "No")
        self.assertEqual(book["Complaints"].freeze_panes, "B2")
        # Filters on every column, over the header and the 5 cases.
        self.assertEqual(book["Complaints"].auto_filter.ref, "A1:T6")
        without = self.export(include_details=False)
        self.assertNotIn("Complaints", without.sheetnames)

    def test_filters_by_team(self):
        book = self.export(team_ids=[(6, 0, self.team_b.ids)])
        by_name = {row[0]: row for row in self.summary(book)[1:]}
        self.assertEqual(by_name[self.kpi("complaint_count").name][3], 2)
        teams = dict(row[:2] for row in self.rows(book["Summary"])[:7])
        self.assertEqual(teams["Teams"], "Team B")
        self.assertEqual(len(self.rows(book["Complaints"])), 3)

    def test_labels_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["kpi_dashboard"], ["zh_CN"])
        book = self.export(lang="zh_CN")
        self.assertEqual(book.sheetnames[:2], ["汇总", "趋势"])
        summary = self.summary(book, "汇总")
        self.assertEqual(summary[0][:4], ["指标", "单位", "目标", "实际值"])
        names = [row[0] for row in summary[1:]]
        self.assertIn("客户满意度 CSAT（满意占比）", names)
        by_name = {row[0]: row for row in summary[1:]}
        self.assertEqual(by_name["受理投诉数"][3], 5)
        self.assertEqual(by_name["解决时限达成率"][6], "未达标")

    def assertNotOverlapping(self, sheet):
        """The sheet's charts cover disjoint cells."""
        boxes = sorted(
            (
                chart.anchor._from.row,
                chart.anchor.to.row,
                chart.anchor._from.col,
                chart.anchor.to.col,
            )
            for chart in sheet._charts
        )
        for (top, bottom, left, right), (top2, __, left2, right2) in zip(
            boxes, boxes[1:], strict=False
        ):
            self.assertFalse(
                top2 <= bottom and left2 <= right and left <= right2,
                f"charts at rows {top}-{bottom} and from row {top2} overlap",
            )

    def test_title_block_names_what_the_workbook_covers(self):
        book = self.export(tier_ids=[(6, 0, self.tier_1.ids)])
        rows = self.rows(book["Summary"])
        self.assertEqual(rows[0][0], "Service Quality KPIs")
        block = {row[0]: row[1] for row in rows[1:7]}
        self.assertEqual(block["Company"], "KPI Test Company")
        self.assertEqual(block["Period"], "2026-01-01 to 2026-01-31")
        self.assertEqual(block["Teams"], "All teams")
        self.assertEqual(block["Customer Tiers"], "Tier 1")
        self.assertEqual(block["Generated by"], self.manager.name)
        self.assertTrue(block["Generated at"])
        self.assertEqual(rows[SUMMARY_HEADER_ROW][0], "KPI")

    def test_pareto_charts_do_not_overlap(self):
        cause = self.env["service.root.cause"].create({"name": "Courier (test)"})
        self.env.cr.execute(
            "UPDATE service_complaint SET root_cause_id = %s WHERE id = %s",
            (cause.id, self.cases["c1"].id),
        )
        book = self.export()
        causes = book["Causes"]
        self.assertEqual(len(causes._charts), 2, "categories and root causes")
        self.assertNotOverlapping(causes)
        heights = [c.anchor.to.row - c.anchor._from.row for c in causes._charts]
        self.assertTrue(all(h <= CHART_ROWS for h in heights), heights)
        rows = self.rows(causes)
        names = [row[0] for row in rows]
        self.assertNotIn("Not set", names, "no cause is not a cause")
        self.assertIn(
            "Resolved complaints without a root cause: 2 of 3 (66.7 %)", names
        )

    def test_prints_as_a_handful_of_pages(self):
        book = self.export()
        for sheet in book.worksheets:
            setup = sheet.page_setup
            self.assertEqual(setup.orientation, "landscape", sheet.title)
            self.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage)
            # 1 page wide is the file format's default: not written.
            self.assertEqual((setup.fitToWidth or 1, setup.fitToHeight), (1, 0))
        self.assertEqual(book["Summary"].print_title_rows, "$9:$9")
        self.assertEqual(book["Complaints"].print_title_rows, "$1:$1")

    def test_header_rows_are_tall_enough_for_their_names(self):
        for lang in ("en_US", "zh_CN"):
            if lang == "zh_CN":
                self.env["res.lang"]._activate_lang("zh_CN")
                self.env["ir.module.module"]._load_module_terms(
                    ["kpi_dashboard"], ["zh_CN"]
                )
            book = self.export(lang=lang)
            Export = self.env["service.kpi.export"]
            for sheet in book.worksheets:
                header = SUMMARY_HEADER_ROW + 1 if sheet is book.worksheets[0] else 1
                # No height written: the default height of one line.
                height = sheet.row_dimensions[header].height or 15
                for cell in sheet[header]:
                    if not cell.value:
                        continue
                    width = sheet.column_dimensions[cell.column_letter].width
                    # openpyxl reads the stored width, with Excel's padding.
                    lines = Export._header_lines(cell.value, int(width))
                    self.assertGreaterEqual(
                        height, 15 * lines, f"{sheet.title}: {cell.value}"
                    )
                    self.assertTrue(cell.alignment.wrap_text)

    def test_header_lines(self):
        lines = self.env["service.kpi.export"]._header_lines
        self.assertEqual(lines("KPI", 14), 1)
        self.assertEqual(lines("First Response (working hours)", 14), 4)
        self.assertEqual(lines("First Response (working hours)", 31), 1)
        # 10 CJK characters are 20 units wide: two lines of 14.
        self.assertEqual(lines("首次响应（工作小时）", 14), 2)

    def test_importance_performance_sheet(self):
        sheet = self.export()["Importance-Performance"]
        self.assertEqual(
            self.rows(sheet)[0][:5],
            [
                "Dimension",
                "Importance (derived weight)",
                "Performance (mean perception)",
                "Pairs",
                "Quadrant",
            ],
        )

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
