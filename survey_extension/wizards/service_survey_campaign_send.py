# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ServiceSurveyCampaignSend(models.TransientModel):
    """The confirmation of "Send Now": who is about to be surveyed."""

    _name = "service.survey.campaign.send"
    _description = "Send a Tracking Campaign Now"

    campaign_id = fields.Many2one(
        "service.survey.campaign", required=True, ondelete="cascade"
    )
    mode = fields.Selection(
        [("send", "Send now"), ("start", "Start")], required=True, default="send"
    )
    survey_id = fields.Many2one(related="campaign_id.survey_id")
    recipient_count = fields.Integer(
        compute="_compute_recipients",
        string="Recipients",
        help="Customers of the campaign's segment invited now: under their cap "
        "and not yet invited by this campaign in the period.",
    )
    targets_everyone = fields.Boolean(compute="_compute_recipients")
    confirm_everyone = fields.Boolean(
        string="Yes, survey every customer",
        help="The campaign has no tier and no filter that leaves anybody out.",
    )

    @api.depends("campaign_id")
    def _compute_recipients(self):
        for wizard in self:
            campaign = wizard.campaign_id
            wizard.recipient_count = len(campaign._recipients()) if campaign else 0
            wizard.targets_everyone = bool(campaign) and campaign._targets_everyone()

    def action_send(self):
        self.ensure_one()
        if self.mode == "start":
            self.campaign_id.action_start(confirm_everyone=self.confirm_everyone)
        else:
            self.campaign_id.action_send_now(confirm_everyone=self.confirm_everyone)
        return {"type": "ir.actions.act_window_close"}
