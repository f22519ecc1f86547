# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..models.service_kpi_engine import SALE_RATE_KEYS


class ServiceKpiExport(models.TransientModel):
    _inherit = "service.kpi.export"

    def _sheet_extra_breakdowns(self, workbook, styles, kpis, filters):
        result = super()._sheet_extra_breakdowns(workbook, styles, kpis, filters)
        for key, title in (
            ("sales_team", self.env._("By Sales Team")),
            ("product_category", self.env._("By Product Category")),
        ):
            self._sheet_sale_rates(workbook, styles, filters, key, title)
        return result

    def _sheet_sale_rates(self, workbook, styles, filters, key, title):
        """Complaints per 1 000 confirmed orders, from the complaints' order."""
        sheet = workbook.add_worksheet(title)
        rates = self.env["service.kpi.engine"]._sale_complaint_rates(
            self.date_from, self.date_to, key, filters
        )
        self._headers(
            sheet,
            styles,
            [
                title,
                self.env._("Confirmed Orders"),
                self.env._("Complaints"),
                self.env._("Complaints per 1 000 Orders"),
            ],
            widths={0: 28},
        )
        records = (
            self.env[SALE_RATE_KEYS[key][0]]
            .with_context(active_test=False)
            .browse(rates)
            .sorted("display_name")
        )
        for row, record in enumerate(records, start=1):
            figure = rates[record.id]
            sheet.write(row, 0, record.display_name)
            sheet.write_number(row, 1, figure["orders"], styles["integer"])
            sheet.write_number(row, 2, figure["complaints"], styles["integer"])
            self._write_value(sheet, row, 3, figure["rate"], styles["number"])
