# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The fast table rows of the KPI workbook (kpi_dashboard/lib/xlsx.py) write
exactly the XML that xlsxwriter's own cell API writes."""

import importlib.util
import pathlib
import zipfile

import pytest
import xlsxwriter

_spec = importlib.util.spec_from_file_location(
    "kpi_xlsx",
    pathlib.Path(__file__).parents[2] / "kpi_dashboard" / "lib" / "xlsx.py",
)
kpi_xlsx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kpi_xlsx)

ROWS = [
    ("CP/2026/0001", "空调不制冷", 46000.5, None, 3, "Fish & <Chips>", 0.1),
    ("CP/2026/0002", "  leading and trailing  ", None, "tab\there", -2, None, 1e20),
    (
        "CP/2026/0003",
        "bell\x07 and \x1f unit",
        12.25,
        "_x0041_ looks escaped",
        0,
        "é",
        7,
    ),
    (
        "CP/2026/0004",
        "odd \ufffe and \uffff",
        1 / 3,
        "line\nbreak",
        2**40,
        "x\x0b",
        5e-324,
    ),
    (None, None, None, None, None, None, None),
    ("CP/2026/0006", "x" * 40000, 1.0, "\u3000全角空格\u3000", 1, "", 123456789.123),
]


def _sheet_xml(path):
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def _workbook(path, fast):
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet(
        "Cases", worksheet_class=kpi_xlsx.TableWorksheet if fast else None
    )
    date = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    hours = workbook.add_format({"num_format": "0.00"})
    formats = [None, None, date, None, None, None, hours]
    for col, header in enumerate(("Reference", "Subject", "Received", "Note")):
        sheet.write_string(0, col, header)
    if fast:
        written = sheet.write_table_rows(1, ROWS, formats)
        assert written == len(ROWS)
    else:
        for row, values in enumerate(ROWS, start=1):
            for col, value in enumerate(values):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(row, col, value, formats[col])
                else:
                    sheet.write_number(row, col, value, formats[col])
    # The cell API goes on below the table.
    sheet.write_string(len(ROWS) + 2, 0, "Total")
    workbook.close()
    return _sheet_xml(path)


def test_table_rows_write_what_the_cell_api_writes(tmp_path):
    reference = _workbook(tmp_path / "cells.xlsx", fast=False)
    fast = _workbook(tmp_path / "rows.xlsx", fast=True)
    assert '<dimension ref="A1:G9"/>' in fast
    assert "空调不制冷" in fast and "Fish &amp; &lt;Chips&gt;" in fast
    assert fast == reference


def test_markup_is_text(tmp_path):
    # xlsxwriter writes a string shaped like "<r>...</r>" as raw rich-text
    # XML; a customer's subject is text and must never become markup.
    path = tmp_path / "markup.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Cases", worksheet_class=kpi_xlsx.TableWorksheet)
    sheet.write_table_rows(0, [("<r><t>bold</t></r>",)], [None])
    workbook.close()
    assert "&lt;r&gt;&lt;t&gt;bold&lt;/t&gt;&lt;/r&gt;" in _sheet_xml(path)


def test_rows_cannot_go_back(tmp_path):
    workbook = xlsxwriter.Workbook(
        str(tmp_path / "back.xlsx"), {"constant_memory": True}
    )
    sheet = workbook.add_worksheet("Cases", worksheet_class=kpi_xlsx.TableWorksheet)
    sheet.write_table_rows(0, [("a",), ("b",)], [None])
    with pytest.raises(ValueError):
        sheet.write_table_rows(1, [("c",)], [None])
    workbook.close()


def test_needs_constant_memory(tmp_path):
    workbook = xlsxwriter.Workbook(str(tmp_path / "memory.xlsx"))
    sheet = workbook.add_worksheet("Cases", worksheet_class=kpi_xlsx.TableWorksheet)
    with pytest.raises(ValueError):
        sheet.write_table_rows(0, [("a",)], [None])
    workbook.close()
