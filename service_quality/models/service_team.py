# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
from urllib.parse import quote

from odoo import fields, models


class ServiceTeam(models.Model):
    """A team of service staff (客服团队) that complaints are dispatched to."""

    _name = "service.team"
    _description = "Service Team"
    _inherit = ["mail.thread", "mail.alias.mixin"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Team Leader",
        tracking=True,
        check_company=True,
        domain=[("share", "=", False)],
    )
    member_ids = fields.Many2many(
        "res.users",
        "service_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        check_company=True,
        domain=[("share", "=", False)],
    )
    alias_id = fields.Many2one(
        help="Emails sent to this address create complaints handled by the team; "
        "replies of the customer land in the complaint's chatter."
    )
    public_form_url = fields.Char(
        string="Public Complaint Form",
        compute="_compute_public_form_url",
        help="Customers file complaints here without logging in; print the QR "
        "code on receipts, counters and vehicles.",
    )
    public_form_qr_url = fields.Char(compute="_compute_public_form_url")
    complaint_ids = fields.One2many("service.complaint", "team_id")
    open_complaint_count = fields.Integer(compute="_compute_complaint_counts")
    at_risk_complaint_count = fields.Integer(compute="_compute_complaint_counts")
    breached_complaint_count = fields.Integer(compute="_compute_complaint_counts")

    def _compute_public_form_url(self):
        for team in self:
            url = f"{team.get_base_url()}/complaint/new"
            team.public_form_url = url
            team.public_form_qr_url = (
                f"/report/barcode/QR/{quote(url, safe='')}?width=180&height=180"
            )

    def _compute_complaint_counts(self):
        """One grouped query for the kanban cards of all teams."""
        groups = self.env["service.complaint"]._read_group(
            [("team_id", "in", self.ids), ("is_closed", "=", False)],
            groupby=["team_id", "deadline_status"],
            aggregates=["__count"],
        )
        counts = {}
        for team, status, count in groups:
            counts.setdefault(team, {})[status] = count
        for team in self:
            team_counts = counts.get(team, {})
            team.open_complaint_count = sum(team_counts.values())
            team.at_risk_complaint_count = team_counts.get("at_risk", 0)
            team.breached_complaint_count = team_counts.get("breached", 0)

    def _alias_get_creation_values(self):
        """Emails to the team's alias become complaints of the team."""
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("service.complaint")
        if self.id:
            defaults = ast.literal_eval(self.alias_defaults or "{}")
            defaults.update(team_id=self.id, company_id=self.company_id.id)
            values["alias_defaults"] = defaults
        return values

    def _action_complaints(self, status=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_complaint_action"
        )
        action["domain"] = [("team_id", "=", self.id)]
        context = {"default_team_id": self.id, "search_default_filter_open": 1}
        if status:
            context[f"search_default_filter_{status}"] = 1
        action["context"] = context
        return action

    def action_view_complaints(self):
        return self._action_complaints()

    def action_view_at_risk(self):
        return self._action_complaints("at_risk")

    def action_view_breached(self):
        return self._action_complaints("breached")
