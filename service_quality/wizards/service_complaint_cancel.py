# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class ServiceComplaintCancel(models.TransientModel):
    """Asks why before a complaint is cancelled; nothing is deleted."""

    _name = "service.complaint.cancel"
    _description = "Cancel Complaints"

    complaint_ids = fields.Many2many(
        "service.complaint",
        default=lambda self: self.env.context.get("active_ids"),
    )
    reason = fields.Text(required=True)

    def action_cancel(self):
        self.ensure_one()
        stage = self.env["service.complaint.stage"].search(
            [("kind", "=", "cancelled")], limit=1
        )
        if not stage:
            raise UserError(_("There is no stage of the kind Cancelled."))
        self.complaint_ids.write({"cancel_reason": self.reason, "stage_id": stage.id})
        return {"type": "ir.actions.act_window_close"}
