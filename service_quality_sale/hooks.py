# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.service_quality.hooks import uninstall_hook as _service_quality_hook


def uninstall_hook(env):
    """The addon's demo orders leave with it: Odoo deletes only cancelled
    orders, so they are cancelled first (nobody's real order is touched);
    then the activities of its activity types are let go as the other
    addons do."""
    data = env["ir.model.data"].search(
        [("module", "=", "service_quality_sale"), ("model", "=", "sale.order")]
    )
    orders = env["sale.order"].browse(data.mapped("res_id")).exists()
    orders.filtered(lambda order: order.state != "cancel")._action_cancel()
    _service_quality_hook(env)
