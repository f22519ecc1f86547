# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.survey_extension.tests.common import SurveyExtensionCommon


class ServiceQualitySaleCommon(SurveyExtensionCommon):
    """A salesperson, products in two categories, and the small-shop tier
    asking for an expectation form before delivery, reviewed by the leader
    of the support team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env,
            login="sq_salesperson",
            name="Sales Person",
            groups="sales_team.group_sale_salesman",
        )
        cls.account_owner = new_test_user(
            cls.env,
            login="sq_account_owner",
            name="Account Owner",
            groups="sales_team.group_sale_salesman",
        )
        cls.customer.user_id = cls.account_owner
        cls.tier_small.sale_expectation_form = True
        cls.company.write(
            {
                "service_sale_team_id": cls.team.id,
                "service_sale_reviewer_id": False,
                "service_sale_review_days": 2,
            }
        )
        Category = cls.env["product.category"]
        cls.categ_machines = Category.create({"name": "Test Machines"})
        cls.categ_parts = Category.create({"name": "Test Parts"})
        Product = cls.env["product.product"]
        cls.machine = Product.create(
            {
                "name": "Test Coffee Machine",
                "type": "consu",
                "categ_id": cls.categ_machines.id,
                "list_price": 500.0,
            }
        )
        cls.part = Product.create(
            {
                "name": "Test Filter",
                "type": "consu",
                "categ_id": cls.categ_parts.id,
                "list_price": 5.0,
            }
        )
        cls.sales_team = cls.env["crm.team"].create({"name": "Test Sales East"})
        cls.other_sales_team = cls.env["crm.team"].create({"name": "Test Sales West"})

    @classmethod
    def create_order(cls, partner=None, products=None, confirm=True, **values):
        vals = {
            "partner_id": (partner or cls.contact).id,
            "user_id": cls.salesperson.id,
            "team_id": cls.sales_team.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": 2})
                for product in (products or [cls.machine])
            ],
        }
        vals.update(values)
        order = cls.env["sale.order"].create(vals)
        if confirm:
            order.action_confirm()
        return order

    def q(self, xmlid):
        return self.env.ref(f"survey_extension.{xmlid}")

    def fill_expectation(self, form):
        # Expected 4, 5 -> 75, 100.
        form.action_send_expectation()
        self.answer(
            form.expectation_input_id,
            {
                self.q("expectation_tangibles_importance"): 5,
                self.q("expectation_tangibles_level"): 4,
                self.q("expectation_reliability_importance"): 3,
                self.q("expectation_reliability_level"): 5,
                self.q("expectation_must_go_right"): "Install it on Monday.",
            },
        )

    def fill_perception(self, form, reliability=2):
        # Perceived 4 -> 75 (gap 0), reliability 2 -> 25 (gap -75).
        self.answer(
            form.perception_input_id,
            {
                self.q("perception_tangibles"): 4,
                self.q("perception_reliability"): reliability,
            },
        )

    def deliver(self, order):
        for line in order.order_line:
            line.qty_delivered = line.product_uom_qty
