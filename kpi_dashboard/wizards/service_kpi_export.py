# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The KPI workbook managers download for their own management.

Built with xlsxwriter (an Odoo dependency) in ``constant_memory`` mode: rows
are flushed to disk as they are written, so a detail sheet of 100 000 cases
does not sit in memory, and the cases are read from PostgreSQL in keyset
pages."""

import unicodedata
from datetime import timedelta
from urllib.parse import urlencode

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, format_datetime

from ..lib.xlsx import TableWorksheet
from ..models.service_kpi import STATISTICAL
from ..models.service_kpi_engine import COMPUTATIONS, CUT_MODELS

WORKBOOK_PARAMS = (
    "date_from",
    "date_to",
    "company_ids",
    "team_ids",
    "tier_ids",
    "include_details",
)
# Rows of the case sheet read per query (see _case_rows).
CASE_PAGE_SIZE = 5000
STATUS_COLOURS = {"good": "#C6EFCE", "warning": "#FFEB9C", "bad": "#FFC7CE"}
# Rows of the title block above the summary's table.
SUMMARY_HEADER_ROW = 8
# Chart size in pixels and the rows it covers (20 px a row): charts placed
# one under the other never overlap.
CHART_SIZE = {"width": 640, "height": 300}
CHART_ROWS = 17


def _display_width(text):
    """Width of a text in Excel's column units: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _default_date_from(record):
    return fields.Date.context_today(record).replace(day=1) - relativedelta(months=1)


def _default_date_to(record):
    return fields.Date.context_today(record).replace(day=1) - timedelta(days=1)


class ServiceKpiExport(models.TransientModel):
    _name = "service.kpi.export"
    _description = "Export KPIs to Excel"

    date_from = fields.Date(required=True, default=_default_date_from)
    date_to = fields.Date(required=True, default=_default_date_to)
    company_ids = fields.Many2many(
        "res.company",
        string="Companies",
        required=True,
        default=lambda self: self.env.company,
    )
    team_ids = fields.Many2many("service.team", string="Teams")
    tier_ids = fields.Many2many("service.customer.tier", string="Customer Tiers")
    include_details = fields.Boolean(
        string="Sheet of the Cases",
        default=True,
        help="Add a sheet listing every complaint received in the period.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(
                    self.env._("The end of the period is before its start.")
                )

    def action_export(self):
        self.ensure_one()
        self._check_export_rights()
        return {
            "type": "ir.actions.act_url",
            "url": f"/kpi_dashboard/workbook?{urlencode(self._workbook_params())}",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # The read-only download (controllers/main.py): the wizard's values in
    # the URL, so that the workbook is built on a read replica from an
    # unsaved wizard and nothing is written.
    # ------------------------------------------------------------------
    def _workbook_params(self):
        self.ensure_one()

        def ids(records):
            return ",".join(str(record_id) for record_id in records._origin.ids)

        return {
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
            "company_ids": ids(self.company_ids),
            "team_ids": ids(self.team_ids),
            "tier_ids": ids(self.tier_ids),
            "include_details": int(self.include_details),
        }

    @api.model
    def _from_workbook_params(self, params):
        """An unsaved wizard (``new``) of the download URL's parameters.

        Checked as the wizard is: only service managers, with the right to
        create the wizard; companies among the user's own, teams and tiers
        that exist and that the user may read; a period that ends after it
        starts. Bad input raises a ValidationError saying what is wrong."""
        self._check_export_rights()
        self.check_access("create")
        unknown = set(params) - set(WORKBOOK_PARAMS)
        if unknown:
            raise ValidationError(
                self.env._("Unknown parameters: %s", ", ".join(sorted(unknown)))
            )

        def date(name, label):
            try:
                value = fields.Date.to_date(params.get(name) or None)
            except ValueError:
                value = None
            if not value:
                raise ValidationError(
                    self.env._("%s: a date (YYYY-MM-DD) is needed.", label)
                )
            return value

        def records(name, model, label):
            try:
                record_ids = [
                    int(part) for part in (params.get(name) or "").split(",") if part
                ]
            except ValueError:
                record_ids = None
            found = self.env[model].browse(record_ids or []).exists()
            if record_ids is None or len(found) != len(set(record_ids)):
                raise ValidationError(self.env._("%s: unknown records.", label))
            found.check_access("read")
            return found

        date_from = date("date_from", self.env._("Start"))
        date_to = date("date_to", self.env._("End"))
        if date_to < date_from:
            raise ValidationError(
                self.env._("The end of the period is before its start.")
            )
        companies = records("company_ids", "res.company", self.env._("Companies"))
        if not companies:
            raise ValidationError(self.env._("Companies: at least one is needed."))
        if companies - self.env.user.company_ids:
            raise AccessError(
                self.env._("You cannot export the KPIs of these companies.")
            )
        details = params.get("include_details", "1")
        if details not in ("0", "1"):
            raise ValidationError(self.env._("Sheet of the Cases: 0 or 1."))
        return self.new(
            {
                "date_from": date_from,
                "date_to": date_to,
                "company_ids": [Command.set(companies.ids)],
                "team_ids": [
                    Command.set(
                        records("team_ids", "service.team", self.env._("Teams")).ids
                    )
                ],
                "tier_ids": [
                    Command.set(
                        records(
                            "tier_ids",
                            "service.customer.tier",
                            self.env._("Customer Tiers"),
                        ).ids
                    )
                ],
                "include_details": details == "1",
            }
        )

    def _check_export_rights(self):
        if not self.env["service.kpi.engine"]._is_kpi_manager():
            raise AccessError(self.env._("Only service managers can export KPIs."))
        # sudo: a company out of reach is not even readable.
        companies = self.sudo().company_ids._origin  # also on a new() wizard
        if companies - self.env.user.company_ids and not self.env.su:
            raise AccessError(
                self.env._(
                    "You cannot export the KPIs of a company you have no access to."
                )
            )

    def _filename(self):
        return self.env._(
            "service-quality-kpis-%(start)s-%(end)s.xlsx",
            start=self.date_from,
            end=self.date_to,
        )

    # ------------------------------------------------------------------
    # Workbook
    # ------------------------------------------------------------------
    def _scoped(self):
        """KPI records computed in the wizard's companies, and the filters."""
        # _origin: the records themselves of an unsaved wizard (the
        # read-only download's).
        companies = self.company_ids._origin
        kpis = (
            self.env["service.kpi"]
            .with_context(allowed_company_ids=companies.ids)
            .search([])
        )
        filters = {
            "company": companies.ids,
            "team": self.team_ids._origin.ids,
            "tier": self.tier_ids._origin.ids,
        }
        return kpis, filters

    def _write_workbook(self, fileobj):
        """Write the workbook into ``fileobj`` (a path or a binary file)."""
        self.ensure_one()
        self._check_export_rights()
        # The company's months for every reader (see service.kpi._figures).
        tz = self._scoped()[0]._months_tz()
        if tz and tz != self.env["service.kpi.engine"]._tz():
            return self.with_context(tz=tz)._write_workbook(fileobj)
        workbook = xlsxwriter.Workbook(
            fileobj, {"constant_memory": True, "in_memory": False}
        )
        styles = self._styles(workbook)
        kpis, filters = self._scoped()
        # Closed months as they were closed (monthly snapshots), the others
        # computed: see service.kpi._figures.
        totals = kpis._totals(self.date_from, self.date_to, filters, snapshots=True)
        length = self.date_to - self.date_from
        previous = kpis._totals(
            self.date_from - length - timedelta(days=1),
            self.date_from - timedelta(days=1),
            filters,
            snapshots=True,
        )
        self._sheet_summary(workbook, styles, kpis, totals, previous)
        self._sheet_trend(workbook, styles, kpis, filters)
        for cut, title in (
            ("team", self.env._("By Team")),
            ("agent", self.env._("By Agent")),
            ("tier", self.env._("By Tier")),
        ):
            self._sheet_breakdown(workbook, styles, kpis, filters, cut, title)
        self._sheet_extra_breakdowns(workbook, styles, kpis, filters)
        self._sheet_causes(workbook, styles, filters)
        self._sheet_servqual(workbook, styles, filters)
        self._sheet_ipa(workbook, styles, filters)
        if self.include_details:
            self._sheet_cases(workbook, styles, filters)
        workbook.close()

    def _styles(self, workbook):
        styles = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {
                    "bold": True,
                    "bg_color": "#D9E1F2",
                    "border": 1,
                    "text_wrap": True,
                    "valign": "top",
                }
            ),
            "text": workbook.add_format({}),
            "number": workbook.add_format({"num_format": "0.00"}),
            "integer": workbook.add_format({"num_format": "0"}),
            "percent": workbook.add_format({"num_format": "0.0"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "muted": workbook.add_format({"italic": True, "font_color": "#808080"}),
            "label": workbook.add_format({"bold": True}),
            "weight": workbook.add_format({"num_format": "0.000"}),
        }
        for status, colour in STATUS_COLOURS.items():
            styles[status] = workbook.add_format(
                {"bg_color": colour, "num_format": "0.00", "border": 1}
            )
        return styles

    def _headers(self, sheet, styles, headers, row=0, widths=None):
        """The header row, tall enough for its wrapped names (Excel does not
        grow a row written with a height of its own, and a fixed one cuts
        long names off), frozen, and repeated on every printed page."""
        lines = 1
        for col, header in enumerate(headers):
            width = (widths or {}).get(col, 14)
            sheet.set_column(col, col, width)
            lines = max(lines, self._header_lines(header, width))
        sheet.set_row(row, 15 * lines)
        for col, header in enumerate(headers):
            sheet.write(row, col, header, styles["header"])
        sheet.freeze_panes(row + 1, 1)
        self._page_setup(sheet, row)

    @api.model
    def _header_lines(self, header, width):
        """Lines a header takes wrapped in a column of ``width`` characters
        (one character of the width kept for the cell's margins)."""
        usable = max(width - 1, 1)
        lines, current = 1, 0
        for word in header.split():
            size = _display_width(word)
            needed = current + 1 + size if current else size
            if needed <= usable:
                current = needed
                continue
            if current:
                lines += 1
            # A word wider than the column (CJK text has no spaces) breaks
            # anywhere.
            full, rest = divmod(size, usable)
            lines += full if rest else full - 1
            current = rest or usable
        return lines

    def _page_setup(self, sheet, header_row):
        """Printed as a handful of pages: landscape A4, all columns on the
        page's width, the header row on every page."""
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(header_row)

    def _status_label(self, status):
        return {
            "good": self.env._("On target"),
            "warning": self.env._("Warning"),
            "bad": self.env._("Off target"),
        }.get(status, "")

    def _sheet_summary(self, workbook, styles, kpis, totals, previous):
        sheet = workbook.add_worksheet(self.env._("Summary"))
        unit_labels = dict(kpis._fields["unit"]._description_selection(self.env))
        headers = [
            self.env._("KPI"),
            self.env._("Unit"),
            self.env._("Target"),
            self.env._("Actual"),
            self.env._("Previous Period"),
            self.env._("Competitor"),
            self.env._("Status"),
            self.env._("Sample"),
            self.env._("Interval Low"),
            self.env._("Interval High"),
            self.env._("Significant"),
        ]
        self._title_block(sheet, styles)
        header_row = SUMMARY_HEADER_ROW
        self._headers(sheet, styles, headers, row=header_row, widths={0: 36, 6: 12})
        for row, kpi in enumerate(kpis, start=header_row + 1):
            figure = totals[kpi] or {}
            before = previous[kpi] or {}
            status = figure.get("status")
            sheet.write(row, 0, kpi.name)
            sheet.write(row, 1, unit_labels.get(kpi.unit, ""))
            sheet.write_number(row, 2, kpi.target, styles["number"])
            self._write_value(
                sheet, row, 3, figure.get("value"), styles[status or "number"]
            )
            self._write_value(sheet, row, 4, before.get("value"), styles["number"])
            if kpi.benchmark_ids:
                sheet.write_number(row, 5, kpi.benchmark_value, styles["number"])
            sheet.write(
                row, 6, self._status_label(status), styles.get(status, styles["text"])
            )
            n = figure.get("n") or 0
            sheet.write_number(row, 7, n, styles["integer"])
            self._write_value(sheet, row, 8, figure.get("ci_low"), styles["number"])
            self._write_value(sheet, row, 9, figure.get("ci_high"), styles["number"])
            # Significance means something for a statistic of a sample, not
            # for a plain count, nor without any case.
            if n and COMPUTATIONS[kpi.computation].stat in STATISTICAL:
                sheet.write(
                    row,
                    10,
                    self.env._("Yes")
                    if figure.get("significant", True)
                    else self.env._("No"),
                )
        sheet.write(header_row + len(kpis) + 2, 0, kpis._months_note(), styles["muted"])

    def _title_block(self, sheet, styles):
        """What the workbook covers, for whoever it is forwarded to."""
        env = self.env
        all_label = {
            "team": env._("All teams"),
            "tier": env._("All tiers"),
        }
        lines = [
            (env._("Company"), ", ".join(self.company_ids.mapped("name"))),
            (
                env._("Period"),
                env._(
                    "%(start)s to %(end)s",
                    start=self.date_from.isoformat(),
                    end=self.date_to.isoformat(),
                ),
            ),
            (
                env._("Teams"),
                ", ".join(self.team_ids.mapped("display_name")) or all_label["team"],
            ),
            (
                env._("Customer Tiers"),
                ", ".join(self.tier_ids.mapped("display_name")) or all_label["tier"],
            ),
            (
                env._("Generated at"),
                format_datetime(env, fields.Datetime.now(), dt_format="short"),
            ),
            (env._("Generated by"), env.user.name),
        ]
        sheet.write(0, 0, env._("Service Quality KPIs"), styles["title"])
        for row, (label, value) in enumerate(lines, start=1):
            sheet.write(row, 0, label, styles["label"])
            sheet.write(row, 1, value)

    def _write_value(self, sheet, row, col, value, style):
        if value is None:
            sheet.write_blank(row, col, None, style)
        else:
            sheet.write_number(row, col, value, style)

    def _sheet_trend(self, workbook, styles, kpis, filters):
        sheet = workbook.add_worksheet(self.env._("Trend"))
        engine = self.env["service.kpi.engine"]
        # Always the 12 months up to the period's end, whatever its length.
        start = self.date_to.replace(day=1) - relativedelta(months=11)
        months = engine._periods(start, self.date_to, "month")
        figures = kpis._figures(
            start, self.date_to, "month", filters=filters, snapshots=True
        )
        by_month = {
            kpi: {f["period"]: f["value"] for f in rows}
            for kpi, rows in figures.items()
        }
        self._headers(
            sheet, styles, [self.env._("Month")] + kpis.mapped("name"), widths={0: 10}
        )
        for row, month in enumerate(months, start=1):
            sheet.write(row, 0, month.strftime("%Y-%m"))
            for col, kpi in enumerate(kpis, start=1):
                value = by_month[kpi].get(month)
                self._write_value(sheet, row, col, value, styles["number"])
        # Native Excel line charts, one per KPI family, under the table.
        sheet_name = sheet.get_name()
        anchor_row = len(months) + 3
        for category, title in (
            ("satisfaction", self.env._("Satisfaction")),
            ("efficiency", self.env._("Efficiency")),
            ("quality", self.env._("Quality")),
            ("complaints", self.env._("Complaints")),
        ):
            columns = [
                col for col, kpi in enumerate(kpis, start=1) if kpi.category == category
            ]
            if not columns:
                continue
            chart = workbook.add_chart({"type": "line"})
            for col in columns:
                chart.add_series(
                    {
                        "name": [sheet_name, 0, col],
                        "categories": [sheet_name, 1, 0, len(months), 0],
                        "values": [sheet_name, 1, col, len(months), col],
                        "marker": {"type": "circle"},
                    }
                )
            chart.set_title({"name": title})
            chart.set_size(CHART_SIZE)
            sheet.insert_chart(anchor_row, 1, chart)
            anchor_row += CHART_ROWS

    def _sheet_breakdown(self, workbook, styles, kpis, filters, cut, title):
        sheet = workbook.add_worksheet(title)
        figures = kpis._figures(
            self.date_from, self.date_to, cuts=(cut,), filters=filters, snapshots=True
        )
        # {kpi: {record id: figure}}: one lookup per cell, not one scan.
        by_key = {
            kpi: {f["keys"][cut]: f for f in rows if f["keys"][cut]}
            for kpi, rows in figures.items()
        }
        keys = set().union(*by_key.values())
        records = self.env[CUT_MODELS[cut]].with_context(active_test=False).browse(keys)
        self._headers(sheet, styles, [title] + kpis.mapped("name"), widths={0: 24})
        for row, record in enumerate(records.sorted("display_name"), start=1):
            sheet.write(row, 0, record.display_name)
            for col, kpi in enumerate(kpis, start=1):
                figure = by_key[kpi].get(record.id)
                if figure:
                    style = styles[figure["status"] or "number"]
                    self._write_value(sheet, row, col, figure["value"], style)

    def _sheet_extra_breakdowns(self, workbook, styles, kpis, filters):
        """Hook: bridges add breakdown sheets whose keys are not cuts of the
        engine (e.g. the product categories of sales orders)."""

    def _sheet_causes(self, workbook, styles, filters):
        sheet = workbook.add_worksheet(self.env._("Causes"))
        kpi_model = self.env["service.kpi"]
        headers = [
            self.env._("Category"),
            self.env._("Complaints"),
            self.env._("Share %"),
            self.env._("Cumulative %"),
        ]
        self._headers(sheet, styles, headers, widths={0: 28})
        row = 1
        # The charts one under the other to the right of the tables.
        chart_row = 1
        for field_name, label in (
            ("category", self.env._("Category")),
            ("root_cause", self.env._("Root Cause")),
        ):
            rows = kpi_model._pareto(
                field_name, self.date_from, self.date_to, filters, limit=None
            )
            if field_name == "root_cause":
                row += 1
                for col, header in enumerate([label] + headers[1:]):
                    sheet.write(row, col, header, styles["header"])
                row += 1
            first = row
            for cause in rows:
                sheet.write(row, 0, cause["name"])
                sheet.write_number(row, 1, cause["count"], styles["integer"])
                sheet.write_number(row, 2, cause["share"], styles["percent"])
                sheet.write_number(row, 3, cause["cumulative"], styles["percent"])
                row += 1
            if rows:
                chart = workbook.add_chart({"type": "column"})
                chart.add_series(
                    {
                        "name": label,
                        "categories": [sheet.get_name(), first, 0, row - 1, 0],
                        "values": [sheet.get_name(), first, 1, row - 1, 1],
                    }
                )
                line = workbook.add_chart({"type": "line"})
                line.add_series(
                    {
                        "name": headers[3],
                        "categories": [sheet.get_name(), first, 0, row - 1, 0],
                        "values": [sheet.get_name(), first, 3, row - 1, 3],
                        "y2_axis": True,
                    }
                )
                chart.combine(line)
                chart.set_title({"name": self.env._("Pareto: %s", label)})
                chart.set_size(CHART_SIZE)
                sheet.insert_chart(chart_row, 6, chart)
                chart_row += CHART_ROWS
        # Cases without a root cause are not a cause: a data-quality figure.
        missing = kpi_model._root_cause_missing(self.date_from, self.date_to, filters)
        if missing["resolved"]:
            sheet.write(
                row + 1,
                0,
                self.env._(
                    "Resolved complaints without a root cause: %(missing)s of "
                    "%(resolved)s (%(share).1f %%)",
                    missing=missing["missing"],
                    resolved=missing["resolved"],
                    share=missing["share"],
                ),
                styles["muted"],
            )

    def _sheet_servqual(self, workbook, styles, filters):
        sheet = workbook.add_worksheet(self.env._("SERVQUAL"))
        rows = self.env["service.kpi"]._servqual(self.date_from, self.date_to, filters)
        headers = [
            self.env._("Dimension"),
            self.env._("Expectation"),
            self.env._("Perception"),
            self.env._("Gap"),
            self.env._("Pairs"),
        ]
        self._headers(sheet, styles, headers, widths={0: 20})
        for row, dimension in enumerate(rows, start=1):
            sheet.write(row, 0, dimension["name"])
            sheet.write_number(row, 1, dimension["expectation"] or 0, styles["number"])
            sheet.write_number(row, 2, dimension["perception"] or 0, styles["number"])
            sheet.write_number(row, 3, dimension["gap"] or 0, styles["number"])
            sheet.write_number(row, 4, dimension["n"], styles["integer"])
        if rows:
            chart = workbook.add_chart({"type": "bar"})
            for col in (1, 2, 3):
                chart.add_series(
                    {
                        "name": [sheet.get_name(), 0, col],
                        "categories": [sheet.get_name(), 1, 0, len(rows), 0],
                        "values": [sheet.get_name(), 1, col, len(rows), col],
                    }
                )
            chart.set_title({"name": self.env._("Expectation, perception and gap")})
            chart.set_size(CHART_SIZE)
            sheet.insert_chart(len(rows) + 3, 0, chart)

    def _sheet_ipa(self, workbook, styles, filters):
        """Importance-performance analysis: each dimension by its derived
        weight and its mean perception, in four quadrants around the means."""
        sheet = workbook.add_worksheet(self.env._("Importance-Performance"))
        ipa = self.env["service.kpi"]._ipa(self.date_from, self.date_to, filters)
        headers = [
            self.env._("Dimension"),
            self.env._("Importance (derived weight)"),
            self.env._("Performance (mean perception)"),
            self.env._("Pairs"),
            self.env._("Quadrant"),
        ]
        self._headers(sheet, styles, headers, widths={0: 20, 1: 16, 2: 16, 4: 24})
        # Grouped by quadrant: one chart series (one colour) per quadrant.
        order = [key for key, __ in ipa["quadrants"]]
        points = sorted(ipa["points"], key=lambda p: order.index(p["quadrant"]))
        for row, point in enumerate(points, start=1):
            sheet.write(row, 0, point["name"])
            sheet.write_number(row, 1, point["importance"], styles["weight"])
            sheet.write_number(row, 2, point["performance"], styles["number"])
            sheet.write_number(row, 3, point["n"], styles["integer"])
            sheet.write(row, 4, point["quadrant_label"])
        if not points:
            return
        note = len(points) + 2
        sheet.write(
            note,
            0,
            self.env._(
                "Cross-hairs at the means: importance %(importance).3f, "
                "performance %(performance).2f.",
                importance=ipa["importance_cut"],
                performance=ipa["performance_cut"],
            ),
            styles["muted"],
        )
        if not ipa["derived"]:
            sheet.write(
                note + 1,
                0,
                self.env._(
                    "No weight derived from the answers yet: importance is the "
                    "stated weight."
                ),
                styles["muted"],
            )
        chart = workbook.add_chart({"type": "scatter"})
        colours = {
            "concentrate": "#D44C59",
            "keep_up": "#22C55E",
            "low_priority": "#9CA3AF",
            "overkill": "#E4A900",
        }
        name = sheet.get_name()
        for key, label in ipa["quadrants"]:
            rows = [
                row for row, p in enumerate(points, start=1) if p["quadrant"] == key
            ]
            if not rows:
                continue
            chart.add_series(
                {
                    "name": label,
                    "categories": [name, rows[0], 1, rows[-1], 1],
                    "values": [name, rows[0], 2, rows[-1], 2],
                    "marker": {
                        "type": "circle",
                        "size": 8,
                        "fill": {"color": colours[key]},
                        "border": {"color": colours[key]},
                    },
                }
            )
        chart.set_title({"name": self.env._("Importance and performance")})
        # The axes cross at the means: the four quadrants of the analysis
        # (an x axis' crossing is where the y axis crosses it, and back).
        chart.set_x_axis({"name": headers[1], "crossing": ipa["importance_cut"]})
        chart.set_y_axis({"name": headers[2], "crossing": ipa["performance_cut"]})
        chart.set_legend({"position": "bottom"})
        chart.set_size(CHART_SIZE)
        sheet.insert_chart(note + 3, 0, chart)

    def _case_rows(self, filters, page_size=CASE_PAGE_SIZE):
        """The complaints of the period in order of receipt, as tuples ready
        for the sheet: names in the user's language, dates as Excel serial
        numbers in the user's time zone.

        Read in keyset pages over (date_received, id): each page is a range
        of the date index after the last row of the one before, so memory
        stays bounded and a period of ten years costs as many queries as it
        has pages, not one per day."""
        engine = self.env["service.kpi.engine"]
        where = engine._filters("complaint", filters)
        if where is None:
            return
        lang = self.env.lang or "en_US"
        tz = engine._tz()
        self.env.flush_all()

        def name(alias):
            return SQL(
                "COALESCE(%s.name->>%s, %s.name->>'en_US')",
                SQL(alias),
                lang,
                SQL(alias),
            )

        statuses = (
            self.env["service.complaint"]
            ._fields["response_status"]
            ._description_selection(self.env)
        )

        priorities = (
            self.env["service.complaint"]
            ._fields["priority"]
            ._description_selection(self.env)
        )

        def label(column, selection):
            # The label in the user's language.
            return SQL(
                "CASE %s %s END",
                SQL(column),
                SQL(" ").join(SQL("WHEN %s THEN %s", *item) for item in selection),
            )

        def status(column):
            return label(column, statuses)

        def serial(column):
            # Days since 1899-12-30, Excel's date origin, of the local time.
            return SQL(
                "(EXTRACT(EPOCH FROM ((%s AT TIME ZONE 'UTC') AT TIME ZONE %s)"
                " - TIMESTAMP '1899-12-30') / 86400.0)::float8",
                SQL(column),
                tz,
            )

        start = engine._utc_bound(self.date_from, False)
        stop = engine._utc_bound(self.date_to + timedelta(days=1), False)
        after = None  # (date_received, id) of the last row of the last page
        while True:
            keyset = SQL("TRUE")
            if after:
                # Spelled out rather than a row comparison, so that the
                # date_received index bounds the scan.
                keyset = SQL(
                    "t.date_received >= %s AND (t.date_received > %s OR t.id > %s)",
                    after[0],
                    after[0],
                    after[1],
                )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT t.date_received, t.id, t.reference, t.name,
                           %(received)s, customer.name, %(team)s,
                           agent_partner.name, %(tier)s, %(type)s, %(channel)s,
                           %(category)s, %(stage)s, %(priority)s,
                           %(first_response)s, %(resolved)s,
                           t.response_working_hours, t.resolution_working_hours,
                           %(response_status)s, %(resolution_status)s,
                           CASE WHEN t.reopen_count > 0 THEN %(yes)s ELSE %(no)s END,
                           t.escalation_level
                      FROM service_complaint t
                      JOIN service_complaint_stage stage ON stage.id = t.stage_id
                      LEFT JOIN res_partner customer
                             ON customer.id = t.commercial_partner_id
                      LEFT JOIN service_team team ON team.id = t.team_id
                      LEFT JOIN res_users agent ON agent.id = t.user_id
                      LEFT JOIN res_partner agent_partner
                             ON agent_partner.id = agent.partner_id
                      LEFT JOIN service_customer_tier tier ON tier.id = t.tier_id
                      LEFT JOIN service_type stype ON stype.id = t.service_type_id
                      LEFT JOIN service_channel channel ON channel.id = t.channel_id
                      LEFT JOIN service_complaint_category category
                             ON category.id = t.category_id
                     WHERE stage.kind != 'cancelled' AND %(filters)s
                       AND t.date_received >= %(start)s AND t.date_received < %(stop)s
                       AND %(keyset)s
                     ORDER BY t.date_received, t.id
                     LIMIT %(limit)s
                    """,
                    received=serial("t.date_received"),
                    first_response=serial("t.date_first_response"),
                    resolved=serial("t.date_resolved"),
                    team=name("team"),
                    tier=name("tier"),
                    type=name("stype"),
                    channel=name("channel"),
                    category=name("category"),
                    stage=name("stage"),
                    priority=label("t.priority", priorities),
                    yes=self.env._("Yes"),
                    no=self.env._("No"),
                    response_status=status("t.response_status"),
                    resolution_status=status("t.resolution_status"),
                    filters=where,
                    start=start,
                    stop=stop,
                    keyset=keyset,
                    limit=page_size,
                )
            )
            rows = self.env.cr.fetchall()
            for row in rows:
                yield row[2:]
            if len(rows) < page_size:
                return
            after = rows[-1][:2]

    def _sheet_cases(self, workbook, styles, filters):
        sheet = workbook.add_worksheet(
            self.env._("Complaints"), worksheet_class=TableWorksheet
        )
        headers = [
            self.env._("Reference"),
            self.env._("Subject"),
            self.env._("Received"),
            self.env._("Customer"),
            self.env._("Team"),
            self.env._("Agent"),
            self.env._("Customer Tier"),
            self.env._("Service Type"),
            self.env._("Channel"),
            self.env._("Category"),
            self.env._("Stage"),
            self.env._("Priority"),
            self.env._("First Response"),
            self.env._("Result Fed Back"),
            self.env._("First Response (working hours)"),
            self.env._("Resolution (working hours)"),
            self.env._("Response Status"),
            self.env._("Resolution Status"),
            self.env._("Reopened"),
            self.env._("Escalation Level"),
        ]
        widths = {0: 16, 1: 30, 2: 16, 3: 24, 12: 16, 13: 16, 14: 16, 15: 16}
        self._headers(sheet, styles, headers, widths=widths)
        date, hours, integer = styles["datetime"], styles["number"], styles["integer"]
        formats = (
            [None, None, date]
            + [None] * 9
            + [date, date, hours, hours, None, None, None, integer]
        )
        # 100 000 rows of 20 cells: written a row at a time, not cell by cell.
        count = sheet.write_table_rows(1, self._case_rows(filters), formats)
        # Sorting and filtering in Excel, over the header and every case.
        sheet.autofilter(0, 0, max(count, 1), len(headers) - 1)
