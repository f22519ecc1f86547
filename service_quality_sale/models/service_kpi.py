# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .service_kpi_engine import SALE_RATE_KEYS


class ServiceKpi(models.Model):
    _inherit = "service.kpi"

    @api.model
    def _dashboard_extra_tables(self, start, end, filters):
        """The complaint rate per 1 000 orders by sales team and by product
        category, as in the workbook's sheets of the same name."""
        tables = super()._dashboard_extra_tables(start, end, filters)
        note = (
            self.env._(
                "Orders have sales teams, not service teams: the team filter "
                "does not apply."
            )
            if filters and filters.get("team")
            else ""
        )
        engine = self.env["service.kpi.engine"]
        for key, title, label in (
            (
                "sales_team",
                self.env._("Complaints per 1 000 orders by sales team"),
                self.env._("Sales Team"),
            ),
            (
                "product_category",
                self.env._("Complaints per 1 000 orders by product category"),
                self.env._("Product Category"),
            ),
        ):
            rates = engine._sale_complaint_rates(start, end, key, filters)
            records = (
                self.env[SALE_RATE_KEYS[key][0]]
                .with_context(active_test=False)
                .browse(rates)
                .sorted("display_name")
            )
            tables.append(
                {
                    "key": f"sale_{key}",
                    "title": title,
                    "columns": [
                        {"label": label, "unit": ""},
                        {"label": self.env._("Orders"), "unit": "count"},
                        {"label": self.env._("Complaints"), "unit": "count"},
                        {"label": self.env._("Per 1 000 Orders"), "unit": ""},
                    ],
                    "rows": [
                        {
                            "id": record.id,
                            "name": record.display_name,
                            "values": [
                                rates[record.id]["orders"],
                                rates[record.id]["complaints"],
                                rates[record.id]["rate"],
                            ],
                        }
                        for record in records
                    ],
                    "note": note
                    or (
                        ""
                        if rates
                        else self.env._("No confirmed order in this period.")
                    ),
                }
            )
        return tables
