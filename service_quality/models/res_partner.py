# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_tier_id = fields.Many2one(
        "service.customer.tier",
        string="Customer Tier",
        index=True,
        tracking=True,
        help="Level of the customer in the customer pyramid (客户分级). Set on the "
        "company; its contacts share it.",
    )
    service_complaint_count = fields.Integer(
        compute="_compute_service_complaint_count",
        string="Complaints",
        groups="service_quality.group_service_user",
    )
    service_promise_open_count = fields.Integer(
        compute="_compute_service_promise_counts",
        string="Open Promises",
        groups="service_quality.group_service_user",
    )
    service_promise_overdue_count = fields.Integer(
        compute="_compute_service_promise_counts",
        string="Overdue Promises",
        groups="service_quality.group_service_user",
    )
    service_reminder_log_count = fields.Integer(
        compute="_compute_service_reminder_log_count",
        string="Reminders Sent",
        groups="service_quality.group_service_user",
    )

    @api.model
    def _commercial_fields(self):
        # The tier belongs to the commercial entity and is synced to its contacts.
        return super()._commercial_fields() + ["service_tier_id"]

    def _compute_service_complaint_count(self):
        counts = dict(
            self.env["service.complaint"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                groupby=["commercial_partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.service_complaint_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_view_service_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_complaint_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {"default_partner_id": self.id}
        return action

    def _compute_service_promise_counts(self):
        Promise = self.env["service.promise"]
        domain = [
            ("commercial_partner_id", "in", self.commercial_partner_id.ids),
            ("state", "=", "open"),
        ]
        today = fields.Date.context_today(self)
        open_counts, overdue_counts = {}, {}
        for partner, due, count in Promise._read_group(
            domain,
            groupby=["commercial_partner_id", "date_due:day"],
            aggregates=["__count"],
        ):
            open_counts[partner] = open_counts.get(partner, 0) + count
            if due and due < today:
                overdue_counts[partner] = overdue_counts.get(partner, 0) + count
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.service_promise_open_count = open_counts.get(commercial, 0)
            partner.service_promise_overdue_count = overdue_counts.get(commercial, 0)

    def action_view_service_promises(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_promise_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {
            "default_partner_id": self.id,
            "search_default_filter_open": 1,
        }
        return action

    def _compute_service_reminder_log_count(self):
        counts = dict(
            self.env["service.reminder.log"]._read_group(
                [("partner_id", "in", self.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.service_reminder_log_count = counts.get(partner, 0)

    def action_view_service_reminder_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_reminder_log_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action
