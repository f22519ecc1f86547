# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.kpi_dashboard.lib import stats

# What a complaint rate per 1 000 orders can be split by, and the column of
# the joined order (so), line (l) or product template (tmpl) holding it.
SALE_RATE_KEYS = {
    "sales_team": ("crm.team", "so.team_id"),
    "product_category": ("product.category", "tmpl.categ_id"),
}


class ServiceKpiEngine(models.AbstractModel):
    _inherit = "service.kpi.engine"

    @api.model
    def _sale_complaint_rates(self, date_from, date_to, key, filters=None):
        """Complaints per 1 000 confirmed orders by sales team or by product
        category of the ordered products, from the complaints' order.

        As the engine's rate per 1 000 orders: the complaints received in the
        period over the orders confirmed in it. An order counts once in each
        category it holds products of, and so does a complaint about it.

        :param key: one of SALE_RATE_KEYS
        :param filters: {"company": ids, "tier": ids} (teams are service
            teams, not the orders' sales teams: not applied)
        :return: {key id: {"orders", "complaints", "rate"}}, rate None
            without orders
        """
        column = SQL(SALE_RATE_KEYS[key][1])
        filters = filters or {}
        companies = filters.get("company") or self.env.companies.ids
        start = self._utc_bound(date_from, False)
        stop = self._utc_bound(date_to + timedelta(days=1), False)
        lines = SQL(
            """
            JOIN sale_order_line l ON l.order_id = so.id AND l.display_type IS NULL
            JOIN product_product pp ON pp.id = l.product_id
            JOIN product_template tmpl ON tmpl.id = pp.product_tmpl_id
            """
            if key == "product_category"
            else ""
        )
        order_where = [
            SQL("so.state = 'sale'"),
            SQL("so.company_id = ANY(%s)", companies),
            SQL("so.date_order >= %s AND so.date_order < %s", start, stop),
        ]
        complaint_where = [
            self._kpi_where_complaint(),
            SQL("t.company_id = ANY(%s)", companies),
            SQL("t.date_received >= %s AND t.date_received < %s", start, stop),
        ]
        if filters.get("tier"):
            order_where.append(
                SQL("customer.service_tier_id = ANY(%s)", list(filters["tier"]))
            )
            complaint_where.append(SQL("t.tier_id = ANY(%s)", list(filters["tier"])))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT %(column)s, COUNT(DISTINCT so.id) FROM sale_order so
                  JOIN res_partner customer ON customer.id = so.partner_id
                  %(lines)s
                 WHERE %(where)s
                 GROUP BY 1
                """,
                column=column,
                lines=lines,
                where=SQL(" AND ").join(order_where),
            )
        )
        orders = dict(self.env.cr.fetchall())
        self.env.cr.execute(
            SQL(
                """
                SELECT %(column)s, COUNT(DISTINCT t.id) FROM service_complaint t
                  JOIN sale_order so ON so.id = t.sale_order_id
                  %(lines)s
                 WHERE %(where)s
                 GROUP BY 1
                """,
                column=column,
                lines=lines,
                where=SQL(" AND ").join(complaint_where),
            )
        )
        complaints = dict(self.env.cr.fetchall())
        return {
            key_id: {
                "orders": orders.get(key_id, 0),
                "complaints": complaints.get(key_id, 0),
                "rate": stats.ratio(
                    complaints.get(key_id, 0), orders.get(key_id), scale=1000.0
                ),
            }
            for key_id in set(orders) | set(complaints)
            if key_id
        }
