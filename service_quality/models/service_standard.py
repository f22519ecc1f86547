# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ServiceStandard(models.Model):
    """A service standard (服务标准): what is delivered to whom, how fast.

    Time limits are working hours of ``calendar_id`` (its time zone, its
    attendances and its public holidays). When several standards apply to a
    case, :meth:`_find_best` picks the most specific one.
    """

    _name = "service.standard"
    _description = "Service Standard"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Leave empty to apply the standard in every company.",
    )
    service_type_id = fields.Many2one(
        "service.type",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    tier_ids = fields.Many2many(
        "service.customer.tier",
        string="Customer Tiers",
        help="Leave empty to apply the standard to customers of every tier. A "
        "standard naming the customer's tier wins over one for every tier.",
    )
    channel_ids = fields.Many2many(
        "service.channel",
        string="Channels",
        help="Channels and places where the service is delivered. Leave empty "
        "for every channel.",
    )
    content = fields.Html(
        string="Service Content",
        translate=True,
        help="What is delivered to the customer (服务内容).",
    )
    attitude_norms = fields.Html(
        translate=True,
        help="How staff behave towards the customer (服务态度); shown on each "
        "complaint this standard applies to.",
    )
    # Required by _check_calendar rather than NOT NULL, for a clear message.
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        tracking=True,
        ondelete="restrict",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Business hours, time zone and public holidays the time limits "
        "are counted in.",
    )
    response_hours = fields.Float(
        string="First Response (working hours)", required=True, tracking=True
    )
    next_response_hours = fields.Float(
        string="Next Response (working hours)",
        required=True,
        tracking=True,
        help="Time allowed to answer each new customer message after the first "
        "response.",
    )
    resolution_hours = fields.Float(
        string="Resolution (working hours)", required=True, tracking=True
    )
    warning_percent = fields.Float(
        string="Warning at (%)",
        default=80.0,
        required=True,
        help="A case becomes 'at risk' once this share of a time limit is used.",
    )
    reopen_policy = fields.Selection(
        [
            ("continue", "Continue the clock"),
            ("restart", "Restart the full resolution time"),
        ],
        default="continue",
        required=True,
        help="What happens to the resolution clock when a customer reopens a "
        "case: continue with the time already used, or grant the full "
        "resolution time again from the reopening.",
    )
    date_start = fields.Date(
        string="Effective from",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(string="Effective until", tracking=True)
    escalation_rule_ids = fields.One2many(
        "service.escalation.rule", "standard_id", string="Escalation Levels", copy=True
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    def _compute_complaint_count(self):
        counts = dict(
            self.env["service.complaint"]._read_group(
                [("standard_id", "in", self.ids)],
                groupby=["standard_id"],
                aggregates=["__count"],
            )
        )
        for standard in self:
            standard.complaint_count = counts.get(standard, 0)

    @api.constrains("response_hours", "next_response_hours", "resolution_hours")
    def _check_hours(self):
        for standard in self:
            labels = {
                "response_hours": _("first response time"),
                "next_response_hours": _("next response time"),
                "resolution_hours": _("resolution time"),
            }
            for field_name, label in labels.items():
                if standard[field_name] <= 0:
                    raise ValidationError(
                        _(
                            "The %(limit)s of standard %(standard)s must be a "
                            "positive number of working hours.",
                            limit=label,
                            standard=standard.name,
                        )
                    )
            if standard.resolution_hours < standard.response_hours:
                raise ValidationError(
                    _(
                        "The resolution time of standard %(standard)s cannot be "
                        "shorter than its first response time.",
                        standard=standard.name,
                    )
                )

    @api.constrains("calendar_id")
    def _check_calendar(self):
        for standard in self:
            if not standard.calendar_id:
                raise ValidationError(
                    _(
                        "Standard %(standard)s needs working hours (a calendar) to "
                        "count its time limits in.",
                        standard=standard.name,
                    )
                )

    @api.constrains("warning_percent")
    def _check_warning_percent(self):
        for standard in self:
            if not 0 < standard.warning_percent < 100:
                raise ValidationError(
                    _(
                        "The warning threshold of standard %(standard)s must lie "
                        "between 0 and 100 %%.",
                        standard=standard.name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for standard in self:
            if standard.date_end and standard.date_end < standard.date_start:
                raise ValidationError(
                    _(
                        "Standard %(standard)s ends (%(end)s) before it starts "
                        "(%(start)s).",
                        standard=standard.name,
                        end=standard.date_end,
                        start=standard.date_start,
                    )
                )

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        for standard in self:
            duplicate = self.with_context(active_test=False).search_count(
                [
                    ("id", "!=", standard.id),
                    ("code", "=ilike", standard.code),
                    ("company_id", "in", [standard.company_id.id, False]),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    _(
                        "The standard code %(code)s is already used.",
                        code=standard.code,
                    )
                )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for standard, vals in zip(self, vals_list, strict=True):
            if "code" not in (default or {}):
                vals["code"] = _("%(code)s (copy)", code=standard.code)
            if "name" not in (default or {}):
                vals["name"] = _("%(name)s (copy)", name=standard.name)
        return vals_list

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_complaint_action"
        )
        action["domain"] = [("standard_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------
    def _specificity(self, tier, channel, company):
        """Sort key of a candidate standard: the more specific, the greater.

        Precedence, most important first: a standard naming the customer's
        tier beats one for every tier; then one naming the channel beats one
        for every channel; then a company's own standard beats a shared one;
        then the most recent effective date; then the lowest sequence.
        """
        self.ensure_one()
        return (
            bool(tier and tier in self.tier_ids),
            bool(channel and channel in self.channel_ids),
            bool(company and self.company_id == company),
            self.date_start,
            -self.sequence,
            -self.id,
        )

    def _applies_to(self, service_type, tier, channel, company, day):
        self.ensure_one()
        return (
            self.service_type_id == service_type
            and (not self.company_id or self.company_id == company)
            and (not self.tier_ids or tier in self.tier_ids)
            and (not self.channel_ids or channel in self.channel_ids)
            and self.date_start <= day
            and (not self.date_end or day <= self.date_end)
        )

    @api.model
    def _find_best(self, service_type, tier, channel, company, day, candidates=None):
        """The standard that applies to a case, or an empty recordset.

        ``candidates`` lets a caller matching many cases load the standards
        once; by default all active standards of the type are considered.
        """
        if not service_type:
            return self.browse()
        if candidates is None:
            candidates = self.search([("service_type_id", "=", service_type.id)])
        matching = candidates.filtered(
            lambda standard: standard._applies_to(
                service_type, tier, channel, company, day
            )
        )
        if not matching:
            return self.browse()
        return max(
            matching, key=lambda standard: standard._specificity(tier, channel, company)
        )

    # ------------------------------------------------------------------
    # Working-time arithmetic, always on the calendar
    # ------------------------------------------------------------------
    def _plan(self, start, hours, calendar=None):
        """The moment ``hours`` working hours after ``start`` (naive UTC), on
        ``calendar`` (by default the standard's)."""
        self.ensure_one()
        calendar = calendar or self.calendar_id
        moment = calendar.plan_hours(hours, start, compute_leaves=True)
        # Interval arithmetic leaves float noise in the microseconds.
        return moment and (moment + timedelta(microseconds=500_000)).replace(
            microsecond=0
        )
