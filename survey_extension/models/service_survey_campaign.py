# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, date_utils

PERIODS = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("yearly", "Yearly"),
]
PERIOD_GRANULARITY = {"monthly": "month", "quarterly": "quarter", "yearly": "year"}


class ServiceSurveyCampaign(models.Model):
    """A periodic tracking survey (monthly, quarterly, yearly) sent to a
    segment of customers, with a cap on how often a customer is surveyed."""

    _name = "service.survey.campaign"
    _description = "Survey Tracking Campaign"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        tracking=True,
        domain=[("service_kind", "in", ("tracking", "csat", "opinion"))],
    )
    period = fields.Selection(
        PERIODS, required=True, default="quarterly", tracking=True
    )
    tier_ids = fields.Many2many(
        "service.customer.tier",
        string="Customer Tiers",
        help="Customers of these tiers are surveyed. Leave empty for every tier.",
    )
    partner_domain = fields.Char(
        string="Customer Filter",
        default="[]",
        help="Further conditions on the customers to survey.",
    )
    max_per_period = fields.Integer(
        string="Cap per Period",
        default=1,
        required=True,
        help="No customer receives more than this many tracking surveys (of every "
        "campaign) in one period.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("stopped", "Stopped")],
        default="draft",
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    input_ids = fields.One2many(
        "survey.user_input", "service_campaign_id", string="Invitations"
    )
    invited_count = fields.Integer(compute="_compute_response_rate", string="Invited")
    responded_count = fields.Integer(
        compute="_compute_response_rate", string="Responded"
    )
    response_rate = fields.Float(
        compute="_compute_response_rate", string="Response Rate (%)", digits=(16, 1)
    )
    date_last_sent = fields.Datetime(readonly=True, copy=False)

    @api.depends("input_ids.state")
    def _compute_response_rate(self):
        groups = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("service_campaign_id", "in", self.ids)],
                groupby=["service_campaign_id", "state"],
                aggregates=["__count"],
            )
        )
        counts = {}
        for campaign, state, count in groups:
            counts.setdefault(campaign, {})[state] = count
        for campaign in self:
            by_state = counts.get(campaign, {})
            campaign.invited_count = sum(by_state.values())
            campaign.responded_count = by_state.get("done", 0)
            campaign.response_rate = (
                100.0 * campaign.responded_count / campaign.invited_count
                if campaign.invited_count
                else 0.0
            )

    @api.constrains("max_per_period")
    def _check_max_per_period(self):
        for campaign in self:
            if campaign.max_per_period < 1:
                raise ValidationError(
                    _("A customer must be allowed at least one survey per period.")
                )

    @api.constrains("partner_domain")
    def _check_partner_domain(self):
        for campaign in self:
            try:
                domain = literal_eval(campaign.partner_domain or "[]")
                self.env["res.partner"].search_count(domain, limit=1)
            except Exception as error:
                raise ValidationError(
                    _(
                        "The customer filter of %(campaign)s is not valid.",
                        campaign=campaign.name,
                    )
                ) from error

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_start(self, confirm_everyone=False):
        """Run the campaign every period. Like "Send Now", a campaign that
        would survey every customer asks for an explicit yes first."""
        unrestricted = self.filtered(lambda campaign: campaign._targets_everyone())
        if unrestricted and not confirm_everyone:
            if len(self) == 1:
                return self._send_wizard_action("start")
            raise UserError(
                _(
                    "The campaign %(campaign)s would survey every customer. "
                    "Start it on its own to confirm.",
                    campaign=unrestricted[0].name,
                )
            )
        self.write({"state": "running"})
        return True

    def action_stop(self):
        self.write({"state": "stopped"})
        return True

    def action_confirm_send(self):
        """The Send Now button asks first: how many customers, and an
        explicit yes when the campaign would survey every customer."""
        self.ensure_one()
        self._check_can_send()
        return self._send_wizard_action("send")

    def _send_wizard_action(self, mode):
        self.ensure_one()
        if mode == "start":
            name = _("Start %(campaign)s", campaign=self.name)
        else:
            name = _("Send %(campaign)s now", campaign=self.name)
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "service.survey.campaign.send",
            "view_mode": "form",
            "target": "new",
            "context": {"default_campaign_id": self.id, "default_mode": mode},
        }

    def action_send_now(self, confirm_everyone=False):
        """Invite the segment now. A campaign whose filter selects every
        customer is refused unless ``confirm_everyone``: one empty filter
        must not mail the whole customer base by mistake."""
        for campaign in self:
            campaign._check_can_send()
            if campaign._targets_everyone() and not confirm_everyone:
                raise UserError(
                    _(
                        "The campaign %(campaign)s would survey every customer "
                        "(%(count)s). Restrict it to tiers or a customer filter, "
                        "or confirm that every customer is to be surveyed.",
                        campaign=campaign.name,
                        count=campaign._recipient_base_count(),
                    )
                )
            campaign._send_invitations()
        return True

    def _check_can_send(self):
        for campaign in self:
            if campaign.state == "stopped":
                raise UserError(
                    _("The campaign %(campaign)s is stopped.", campaign=campaign.name)
                )

    def action_view_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "survey_extension.survey_user_input_action_service"
        )
        action["domain"] = [("service_campaign_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _period_start(self, today=None):
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        return date_utils.start_of(today, PERIOD_GRANULARITY[self.period])

    def _base_domain(self):
        """Every customer a campaign of this company can reach."""
        self.ensure_one()
        return [
            ("is_company", "=", True),
            ("email", "!=", False),
            "|",
            ("company_id", "=", False),
            ("company_id", "=", self.company_id.id),
        ]

    def _recipient_base_count(self):
        return self.env["res.partner"].search_count(self._base_domain())

    def _targets_everyone(self):
        """Whether the tiers and the filter leave out no reachable customer."""
        self.ensure_one()
        everyone = self._recipient_base_count()
        return bool(everyone) and (
            self.env["res.partner"].search_count(self._target_domain()) == everyone
        )

    def _target_domain(self):
        self.ensure_one()
        domain = self._base_domain()
        if self.tier_ids:
            domain.append(("service_tier_id", "in", self.tier_ids.ids))
        return domain + literal_eval(self.partner_domain or "[]")

    def _survey_counts(self, partners, since):
        """Tracking surveys already sent to each customer since ``since``."""
        self.env["survey.user_input"].flush_model(
            ["partner_id", "service_campaign_id", "service_date_sent"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, count(*)
                  FROM survey_user_input i
                  JOIN res_partner p ON p.id = i.partner_id
                 WHERE i.service_campaign_id IS NOT NULL
                   AND i.service_date_sent >= %s
                   AND p.commercial_partner_id = ANY(%s)
                 GROUP BY p.commercial_partner_id
                """,
                since,
                partners.ids,
            )
        )
        return dict(self.env.cr.fetchall())

    def _recipients(self):
        """The customers of the segment the campaign would invite now: under
        their cap and not yet invited by it in this period."""
        self.ensure_one()
        since = fields.Datetime.to_datetime(self._period_start())
        partners = self.env["res.partner"].search(self._target_domain(), order="id")
        counts = self._survey_counts(partners, since)
        invited_now = self._invited_since(since)
        return partners.filtered(
            lambda p: counts.get(p.id, 0) < self.max_per_period
            and p.id not in invited_now
        )

    def _send_invitations(self, batch_size=200):
        """Invite the customers of the segment under their cap, at most
        ``batch_size`` at a time; returns how many remain to invite."""
        self.ensure_one()
        todo = self._recipients()
        batch, remaining = todo[:batch_size], len(todo) - batch_size
        survey = self.survey_id.sudo()
        for partner in batch:
            user_input = survey._create_answer(
                partner=partner,
                check_attempts=False,
                service_campaign_id=self.id,
                service_company_id=self.company_id.id,
            )
            user_input._service_send_invitation()
        if batch:
            self.date_last_sent = fields.Datetime.now()
        return max(remaining, 0)

    def _invited_since(self, since):
        """Customers this campaign already invited in the period."""
        inputs = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("service_campaign_id", "=", self.id),
                    ("service_date_sent", ">=", since),
                ]
            )
        )
        return set(inputs.partner_id.commercial_partner_id.ids)

    @api.model
    def _cron_send_invitations(self, batch_size=200):
        campaigns = self.search([("state", "=", "running")])
        remaining = 0
        for campaign in campaigns:
            remaining += campaign._send_invitations(batch_size=batch_size)
        self.env["ir.cron"]._notify_progress(done=len(campaigns), remaining=remaining)
