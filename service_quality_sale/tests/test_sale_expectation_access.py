# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user
from odoo.tools.safe_eval import safe_eval

from .common import ServiceQualitySaleCommon


class TestSaleExpectationAccess(ServiceQualitySaleCommon):
    """A gap alert sends the salesperson to their order: they open its
    expectation forms there or under Sales, and nobody else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_salesperson = new_test_user(
            cls.env,
            login="sq_other_salesperson",
            name="Other Sales Person",
            groups="sales_team.group_sale_salesman",
        )
        cls.order = cls.create_order()
        cls.form = cls.order.service_expectation_form_ids
        cls.other_order = cls.create_order(user_id=cls.other_salesperson.id)
        cls.other_form = cls.other_order.service_expectation_form_ids

    def test_salesperson_opens_the_forms_of_their_order_from_the_smart_button(self):
        self.fill_expectation(self.form)
        self.deliver(self.order)
        self.fill_perception(self.form)
        order = self.order.with_user(self.salesperson)
        action = order.action_view_service_expectation_forms()
        self.assertEqual(action["res_id"], self.form.id)
        # The form view as the web client reads it, gaps included.
        form = self.env["service.expectation.form"].with_user(self.salesperson)
        with Form(form.browse(self.form.id)) as view:
            self.assertEqual(view.sale_order_id, self.order)
            self.assertEqual(view.sale_reviewer_id, self.leader)
            self.assertEqual(len(view.gap_ids), 2)
        # Read-only for them: none of the reviewer's buttons.
        arch = form.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn("action_refresh_gaps", arch)
        self.assertNotIn("action_send_perception", arch)
        arch = form.with_user(self.leader).get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn("action_refresh_gaps", arch)
        gaps = self.form.gap_ids.with_user(self.salesperson)
        self.assertEqual(sorted(gaps.mapped("gap")), [-75.0, 0.0])

    def test_salesperson_does_not_read_other_salespeople_forms(self):
        Form_ = self.env["service.expectation.form"].with_user(self.salesperson)
        self.assertEqual(Form_.search([]), self.form)  # demo orders are not theirs
        with self.assertRaises(AccessError):
            self.other_form.with_user(self.salesperson).read(["name"])
        self.fill_expectation(self.other_form)
        Gap = self.env["service.expectation.gap"].with_user(self.salesperson)
        self.assertFalse(Gap.search([("form_id", "=", self.other_form.id)]))
        # Its own salesperson opens it.
        self.assertEqual(
            self.other_order.with_user(
                self.other_salesperson
            ).action_view_service_expectation_forms()["res_id"],
            self.other_form.id,
        )

    def test_sales_manager_reads_every_order_form_not_the_others(self):
        sales_manager = new_test_user(
            self.env,
            login="sq_sales_manager",
            name="Sales Manager",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        loose = self.env["service.expectation.form"].create(
            {"name": "Not about an order", "partner_id": self.contact.id}
        )
        mine = self.form | self.other_form | loose
        found = (
            self.env["service.expectation.form"]
            .with_user(sales_manager)
            .search([("id", "in", mine.ids)])
        )
        self.assertEqual(found, self.form | self.other_form)

    def test_reviewer_keeps_reading_and_filling_the_form(self):
        form = self.form.with_user(self.leader)
        reviewed = form.search([("sale_reviewer_id", "=", self.leader.id)])
        self.assertEqual(reviewed, self.form | self.other_form)
        form.action_send_expectation()
        self.assertEqual(form.state, "expectation_sent")
        self.assertFalse(
            self.env["service.expectation.form"]
            .with_user(self.salesperson)
            .search([("id", "=", self.other_form.id)])
        )

    def test_sales_menu_lists_the_salesperson_forms(self):
        menu = self.env.ref("service_quality_sale.service_expectation_form_menu_sale")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.salesperson)._visible_menu_ids())
        # Service staff without Sales rights do not get it.
        self.assertNotIn(menu.id, Menu.with_user(self.agent)._visible_menu_ids())
        domain = safe_eval(menu.action.domain)
        found = (
            self.env["service.expectation.form"]
            .with_user(self.salesperson)
            .search(domain)
        )
        self.assertEqual(found, self.form)
