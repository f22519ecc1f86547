# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from .common import ServiceQualitySaleCommon


class TestSaleExpectation(ServiceQualitySaleCommon):
    def review_activities(self, form):
        return form.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("service_quality_sale.mail_activity_expectation_review")
        )

    def gap_activities(self, order):
        return order.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("service_quality_sale.mail_activity_order_expectation_gap")
        )

    def test_confirm_creates_form_for_reviewer_due_before_commitment(self):
        order = self.create_order(commitment_date=datetime(2030, 1, 20, 12, 0))
        form = order.service_expectation_form_ids
        self.assertRecordValues(
            form,
            [
                {
                    "sale_order_id": order.id,
                    "partner_id": self.contact.id,
                    "sale_reviewer_id": self.leader.id,
                    "user_id": self.account_owner.id,
                    "team_id": self.team.id,
                    "state": "draft",
                    "name": f"Expectations for {order.name}",
                }
            ],
        )
        self.assertEqual(form.res_ref, order)
        activity = self.review_activities(form)
        self.assertRecordValues(
            activity, [{"user_id": self.leader.id, "date_deadline": date(2030, 1, 18)}]
        )
        self.assertEqual(order.service_expectation_form_count, 1)
        self.assertEqual(order.service_gap_status, "waiting_expectation")
        self.assertIn("reviewed by Team Leader", order.message_ids[0].body)

    def test_form_named_in_the_companys_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["service_quality_sale"], ["zh_CN"]
        )
        self.company.partner_id.lang = "zh_CN"
        # confirmed by an English-speaking user, named for the Chinese team
        order = self.create_order(confirm=False)
        order.with_context(lang="en_US").action_confirm()
        form = order.service_expectation_form_ids
        self.assertEqual(form.name, f"{order.name} 的期望表")

    def test_no_form_for_a_tier_that_does_not_ask_for_it(self):
        order = self.create_order(partner=self.top_customer)
        self.assertFalse(order.service_expectation_form_ids)
        self.assertFalse(order.service_gap_status)
        Order = self.env["sale.order"]
        self.assertIn(order, Order.search([("service_gap_status", "=", False)]))
        self.assertNotIn(order, Order.search([("service_gap_status", "!=", False)]))
        quotation = self.create_order(confirm=False)
        self.assertFalse(quotation.service_expectation_form_ids)

    def test_the_salesperson_never_reviews_their_own_order(self):
        # Service staff may sell too: the reviewer set is then the seller.
        self.agent.groups_id += self.env.ref("sales_team.group_sale_salesman")
        self.company.service_sale_reviewer_id = self.agent
        order = self.create_order(user_id=self.agent.id)
        self.assertEqual(
            order.service_expectation_form_ids.sale_reviewer_id, self.leader
        )
        order = self.create_order()
        self.assertEqual(
            order.service_expectation_form_ids.sale_reviewer_id, self.agent
        )
        self.tier_small.sale_reviewer_id = self.other_agent
        order = self.create_order(user_id=self.agent.id)
        self.assertEqual(
            order.service_expectation_form_ids.sale_reviewer_id, self.other_agent
        )
        self.assertTrue(self.review_activities(order.service_expectation_form_ids))

    def test_activity_not_due_in_the_past(self):
        order = self.create_order(commitment_date=datetime(2020, 1, 1))
        activity = self.review_activities(order.service_expectation_form_ids)
        self.assertEqual(activity.date_deadline, date.today())

    def test_confirmed_again_after_cancel_keeps_one_form(self):
        order = self.create_order()
        order._action_cancel()
        order.action_draft()
        order.action_confirm()
        self.assertEqual(len(order.service_expectation_form_ids), 1)

    def test_delivery_sends_perception_and_gap_alerts_salesperson_and_owner(self):
        order = self.create_order()
        form = order.service_expectation_form_ids
        self.fill_expectation(form)
        self.assertEqual(form.state, "expectation_done")
        self.assertEqual(order.service_gap_status, "waiting_perception")
        order.order_line[0].qty_delivered = 1  # partly delivered: not yet
        self.assertFalse(form.perception_input_id)
        self.deliver(order)
        self.assertEqual(form.state, "perception_sent")
        self.assertEqual(form.perception_input_id.partner_id, self.contact)
        self.assertIn("perception survey", order.message_ids[0].body)
        self.fill_perception(form)
        self.assertEqual(form.state, "done")
        gaps = {gap.dimension_id: gap.gap for gap in form.gap_ids}
        self.assertEqual(gaps[self.dimension["tangibles"]], 0.0)
        self.assertEqual(gaps[self.dimension["reliability"]], -75.0)
        self.assertEqual(order.service_gap_status, "below")
        Order = self.env["sale.order"]
        self.assertIn(order, Order.search([("service_gap_status", "=", "below")]))
        self.assertNotIn(
            order, Order.search([("service_gap_status", "in", ["met", False])])
        )
        activities = self.gap_activities(order)
        self.assertEqual(
            activities.user_id, self.salesperson | self.account_owner, activities
        )
        self.assertIn("Reliability", activities[0].note)
        form.action_refresh_gaps()  # refreshing the answers alerts once only
        self.assertEqual(len(self.gap_activities(order)), 2)
        self.assertFalse(
            form.activity_ids.filtered(
                lambda a: not a.date_done
                and a.activity_type_id
                == self.env.ref("survey_extension.mail_activity_expectation_gap")
            )
        )

    def test_met_expectations_alert_nobody(self):
        order = self.create_order()
        form = order.service_expectation_form_ids
        self.fill_expectation(form)
        self.deliver(order)
        self.fill_perception(form, reliability=5)
        self.assertEqual(order.service_gap_status, "met")
        self.assertEqual(
            self.env["sale.order"].search(
                [("service_gap_status", "=", "met"), ("id", "=", order.id)]
            ),
            order,
        )
        self.assertFalse(self.gap_activities(order))

    def test_cron_sends_perception_of_orders_delivered_by_pickings(self):
        delivered = self.create_order()
        pending = self.create_order()
        for order in delivered | pending:
            self.fill_expectation(order.service_expectation_form_ids)
        # Done pickings recompute the delivered quantities (no write): the
        # cron finds them.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE sale_order_line SET qty_delivered = product_uom_qty "
                "WHERE order_id = %s",
                delivered.id,
            )
        )
        self.env.invalidate_all()
        self.env["sale.order"]._cron_service_send_perception()
        self.assertEqual(
            delivered.service_expectation_form_ids.state, "perception_sent"
        )
        self.assertEqual(pending.service_expectation_form_ids.state, "expectation_done")

    def test_salesperson_confirms_sees_the_status_and_reads_not_writes_the_form(self):
        order = self.create_order(confirm=False)
        order.with_user(self.salesperson).action_confirm()
        form = order.service_expectation_form_ids
        self.assertEqual(form.sale_reviewer_id, self.leader)
        as_sales = order.with_user(self.salesperson)
        as_sales.invalidate_recordset()
        self.assertEqual(as_sales.service_gap_status, "waiting_expectation")
        self.assertEqual(as_sales.service_expectation_form_count, 1)
        # The reviewer fills it in; the salesperson only reads it.
        self.assertEqual(form.with_user(self.salesperson).name, form.name)
        with self.assertRaises(AccessError):
            form.with_user(self.salesperson).write({"name": "Changed"})

    def test_reviewer_outside_the_team_fills_the_form(self):
        self.company.service_sale_reviewer_id = self.other_agent
        order = self.create_order()
        form = order.service_expectation_form_ids.with_user(self.other_agent)
        self.assertEqual(form.sale_reviewer_id, self.other_agent)
        form.action_send_expectation()
        self.assertEqual(form.state, "expectation_sent")

    def test_only_service_staff_can_be_reviewers(self):
        with self.assertRefused(ValidationError, "cannot review expectation forms"):
            self.company.service_sale_reviewer_id = self.salesperson
        with self.assertRefused(ValidationError, "cannot review expectation forms"):
            self.tier_small.sale_reviewer_id = self.account_owner
