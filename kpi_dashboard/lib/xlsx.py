# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A worksheet that writes long tables row by row.

xlsxwriter's cell API costs about 5 microseconds a cell (coordinates checked,
the cell stored, then serialised attribute by attribute): 10 s for the
100 000 x 20 cells of a month's cases. In ``constant_memory`` mode the rows go
straight to a temporary file anyway, so this worksheet writes a whole row of
plain values as one string, the same XML the cell API writes (checked byte for
byte by tools/tests/test_kpi_xlsx.py), several times faster.
"""

import re

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

# The escapes of xlsxwriter's inline strings (worksheet._write_cell): text
# that looks like an escape is itself escaped, control characters become
# _xHHHH_, XML's own characters become entities.
_LITERAL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
MAX_STRING = 32767
CACHED_VALUES = 2000  # per column


def _inline_text(text):
    """(escaped text, whether its edges' whitespace must be preserved)."""
    if _NEEDS_WORK.search(text):
        text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda match: "_x%04X_" % ord(match.group(1)), text)
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        preserve = _edge_space(text)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text, preserve
    return text, _edge_space(text)


def _edge_space(text):
    # What xlsxwriter's r"^\s|\s$" finds (str.isspace is the same class).
    return text[:1].isspace() or text[-1:].isspace()


class TableWorksheet(Worksheet):
    """A worksheet whose ``write_table_rows`` takes many rows of plain
    values at once: ``workbook.add_worksheet(name,
    worksheet_class=TableWorksheet)`` of a ``constant_memory`` workbook."""

    def write_table_rows(self, first_row, rows, formats):
        """Write ``rows`` (sequences of str, int, float or None: an empty
        cell) from row ``first_row`` down, one xlsxwriter Format (or None)
        per column. Returns the number of rows written."""
        if not self.constant_memory:
            raise ValueError("write_table_rows needs a constant_memory workbook")
        if first_row < self.previous_row:
            raise ValueError("rows already written cannot be written again")
        # Flush what the cell API wrote before, as moving to a new row does.
        self._write_single_row(first_row)
        styles = [
            f' s="{fmt._get_xf_index()}"' if fmt is not None else "" for fmt in formats
        ]
        letters = [xl_col_to_name(col) for col in range(len(formats))]
        # Most text columns repeat a few names (team, agent, stage...): each
        # is escaped once. Bounded, so that unique texts cannot fill memory.
        caches = [{} for __ in formats]
        write = self.fh.write
        row_num = first_row
        min_col, max_col = None, -1
        for values in rows:
            number = row_num + 1
            cells = []
            first = last = None
            for col, value in enumerate(values):
                if value is None or value is False:
                    continue
                if isinstance(value, str):
                    cache = caches[col]
                    tail = cache.get(value)
                    if tail is None:
                        # Excel's limit; xlsxwriter truncates the same way.
                        text, preserve = _inline_text(value[:MAX_STRING])
                        space = ' xml:space="preserve"' if preserve else ""
                        tail = (
                            f'{styles[col]} t="inlineStr"><is><t{space}>{text}'
                            "</t></is></c>"
                        )
                        if len(cache) < CACHED_VALUES:
                            cache[value] = tail
                    cells.append(f'<c r="{letters[col]}{number}"{tail}')
                else:
                    cells.append(
                        f'<c r="{letters[col]}{number}"{styles[col]}>'
                        f"<v>{value:.16G}</v></c>"
                    )
                if first is None:
                    first = col
                last = col
            if cells:
                write(f'<row r="{number}">{"".join(cells)}</row>')
                min_col = first if min_col is None else min(min_col, first)
                max_col = max(max_col, last)
            row_num += 1
        if min_col is not None:
            self._check_dimensions(first_row, min_col)
            self._check_dimensions(row_num - 1, max_col)
        # Later cell API writes start below the table.
        self.previous_row = row_num
        return row_num - first_row
