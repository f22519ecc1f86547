# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def write(self, vals):
        result = super().write(vals)
        if "qty_delivered" in vals:
            # Delivered by hand: the perception survey leaves at once, not at
            # the next run of the cron (which catches the done pickings).
            self.order_id._service_send_perception_if_delivered()
        return result
