# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceQualitySaleCommon


class TestSaleStockDelivery(ServiceQualitySaleCommon):
    """With Inventory (sale_stock), the done picking is the delivery."""

    def test_done_picking_sends_perception_at_the_next_cron_run(self):
        if "picking_ids" not in self.env["sale.order"]._fields:
            self.skipTest("Inventory (sale_stock) is not installed")
        order = self.create_order()
        form = order.service_expectation_form_ids
        self.fill_expectation(form)
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 2.0)
        self.env["sale.order"]._cron_service_send_perception()
        self.assertEqual(form.state, "perception_sent")
        self.assertIn("perception survey", order.message_ids[0].body)
