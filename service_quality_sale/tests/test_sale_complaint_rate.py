# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import timedelta

import openpyxl

from odoo import fields

from .common import ServiceQualitySaleCommon


class TestSaleComplaintRate(ServiceQualitySaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["sale.order"])
        cls.date_from = cls.today - timedelta(days=30)
        east, west = cls.sales_team, cls.other_sales_team
        cls.orders = [
            cls.create_order(products=[cls.machine], team_id=east.id),
            cls.create_order(products=[cls.machine, cls.part], team_id=east.id),
            cls.create_order(
                partner=cls.top_customer, products=[cls.part], team_id=west.id
            ),
            cls.create_order(
                partner=cls.top_customer, products=[cls.part], team_id=west.id
            ),
            cls.create_order(products=[cls.part], team_id=west.id, confirm=False),
        ]
        old = cls.create_order(products=[cls.machine], team_id=east.id)
        old.date_order = fields.Datetime.now() - timedelta(days=400)
        first, second, third, __, quotation = cls.orders
        cls.create_complaint(sale_order_id=first.id)
        cls.create_complaint(sale_order_id=second.id)
        cls.create_complaint(sale_order_id=second.id, name="Second about it")
        cls.create_complaint(sale_order_id=old.id, name="About an old order")
        cls.create_complaint(
            sale_order_id=third.id,
            partner_id=cls.top_customer.id,
            stage_id=cls.stage["cancelled"].id,
            cancel_reason="Duplicate",
        )
        cls.create_complaint(
            sale_order_id=third.id,
            partner_id=cls.top_customer.id,
            date_received=fields.Datetime.now() - timedelta(days=100),
        )
        cls.create_complaint(name="About no order")

    def naive(self, key_of):
        """The rate the slow way: every order and complaint in Python."""
        start = fields.Datetime.to_datetime(self.date_from)
        stop = fields.Datetime.to_datetime(self.today + timedelta(days=1))
        orders = self.env["sale.order"].search([("state", "=", "sale")])
        complaints = self.env["service.complaint"].search(
            [("sale_order_id", "!=", False)]
        )
        result = {}
        for order in orders:
            if start <= order.date_order < stop:
                for key in key_of(order):
                    result.setdefault(key, [0, 0])[0] += 1
        for complaint in complaints:
            if (
                complaint.stage_id.kind != "cancelled"
                and start <= complaint.date_received < stop
            ):
                for key in key_of(complaint.sale_order_id):
                    result.setdefault(key, [0, 0])[1] += 1
        return {
            key.id: {
                "orders": n_orders,
                "complaints": n_complaints,
                "rate": n_complaints * 1000.0 / n_orders if n_orders else None,
            }
            for key, (n_orders, n_complaints) in result.items()
            if key
        }

    def rates(self, key, filters=None):
        return self.env["service.kpi.engine"]._sale_complaint_rates(
            self.date_from, self.today, key, filters
        )

    def test_rate_by_product_category_matches_the_naive_reference(self):
        def categories(order):
            return order.order_line.product_id.categ_id

        rates = self.rates("product_category")
        self.assertEqual(rates, self.naive(categories))
        # 3 orders with a machine (one old), 2 complaints about the recent
        # ones and 1 about the old one; parts: 3 confirmed orders, 2
        # complaints (the cancelled one and the one of 100 days ago do not
        # count).
        self.assertEqual(
            rates[self.categ_machines.id],
            {"orders": 2, "complaints": 4, "rate": 2000.0},
        )
        self.assertEqual(
            rates[self.categ_parts.id], {"orders": 3, "complaints": 2, "rate": 2000 / 3}
        )

    def test_rate_by_sales_team_matches_the_naive_reference(self):
        rates = self.rates("sales_team")
        self.assertEqual(rates, self.naive(lambda order: order.team_id))
        self.assertEqual(rates[self.sales_team.id]["rate"], 2000.0)
        self.assertEqual(
            rates[self.other_sales_team.id], {"orders": 2, "complaints": 0, "rate": 0.0}
        )

    def test_tier_filter(self):
        rates = self.rates("sales_team", {"tier": self.tier_top.ids})
        self.assertEqual(
            rates,
            {self.other_sales_team.id: {"orders": 2, "complaints": 0, "rate": 0.0}},
        )

    def test_workbook_has_the_product_category_breakdown(self):
        wizard = (
            self.env["service.kpi.export"]
            .with_user(self.manager)
            .create(
                {
                    "date_from": self.date_from,
                    "date_to": self.today,
                    "include_details": False,
                }
            )
        )
        output = io.BytesIO()
        wizard._write_workbook(output)
        book = openpyxl.load_workbook(output)
        self.assertIn("By Sales Team", book.sheetnames)
        sheet = book["By Product Category"]
        rows = {
            row[0]: row[1:]
            for row in sheet.iter_rows(min_row=2, values_only=True)
            if row[0]
        }
        self.assertEqual(rows["Test Machines"], (2, 4, 2000.0))
        self.assertEqual(rows["Test Parts"][:2], (3, 2))

    def test_dashboard_shows_the_rates_per_sales_team_and_product_category(self):
        data = (
            self.env["service.kpi"]
            .with_user(self.manager)
            .get_dashboard_data("last_12")
        )
        tables = {table["key"]: table for table in data["extra_tables"]}
        self.assertEqual(set(tables), {"sale_sales_team", "sale_product_category"})

        def rows(key):
            return {row["name"]: row["values"] for row in tables[key]["rows"]}

        # Since the first of the month 11 months ago: the order of 400 days
        # ago is out, the complaint of 100 days ago in.
        categories = rows("sale_product_category")
        self.assertEqual(categories["Test Machines"], [2, 4, 2000.0])
        self.assertEqual(categories["Test Parts"], [3, 3, 1000.0])
        teams = rows("sale_sales_team")
        self.assertEqual(teams["Test Sales East"], [2, 4, 2000.0])
        self.assertEqual(teams["Test Sales West"], [2, 1, 500.0])
        self.assertEqual(
            [column["label"] for column in tables["sale_sales_team"]["columns"]],
            ["Sales Team", "Orders", "Complaints", "Per 1 000 Orders"],
        )
        self.assertFalse(tables["sale_sales_team"]["note"])
        # The service team filter does not cut orders, and says so.
        data = (
            self.env["service.kpi"]
            .with_user(self.manager)
            .get_dashboard_data("last_12", team_ids=self.team.ids)
        )
        table = data["extra_tables"][0]
        self.assertIn("team filter does not apply", table["note"])
        self.assertEqual({row["name"]: row["values"] for row in table["rows"]}, teams)
