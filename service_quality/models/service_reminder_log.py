# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .service_reminder import MODES


class ServiceReminderLog(models.Model):
    """What a reminder sent, to whom, when; one line per customer and time."""

    _name = "service.reminder.log"
    _description = "Customer Reminder Log"
    _order = "date desc, id desc"
    _rec_name = "reminder_id"

    reminder_id = fields.Many2one(
        "service.reminder", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="reminder_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    occurrence_date = fields.Date(
        string="Due On", index=True, help="The reminder date this line was sent for."
    )
    trigger = fields.Selection(
        [("scheduled", "Scheduled"), ("manual", "Sent Now")],
        required=True,
        default="scheduled",
    )
    mode = fields.Selection(MODES, string="Sent As", required=True)
    mail_message_id = fields.Many2one(
        "mail.message", string="Email", ondelete="set null"
    )
    activity_id = fields.Many2one(
        "mail.activity", string="Activity", ondelete="set null"
    )
    state = fields.Selection(
        [("sent", "Sent"), ("failed", "Failed")],
        required=True,
        default="sent",
        index=True,
    )
    error = fields.Text()
