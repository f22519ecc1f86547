# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta
from urllib.parse import urlencode

import babel.dates
import pytz
from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, create_index, is_html_empty

from .mail_thread import AUTO_GENERATED_HEADERS
from .service_complaint_stage import CLOSED_KINDS, RESOLVED_KINDS, RESPONSE_KINDS

PRIORITIES = [
    ("0", "Normal"),
    ("1", "Important"),
    ("2", "High"),
    ("3", "Urgent"),
]
DEADLINE_STATUSES = [
    ("on_time", "On Time"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
]
# The 4-level satisfaction scale of the source documents.
EVALUATIONS = [
    ("very_satisfied", "Very Satisfied"),
    ("satisfied", "Satisfied"),
    ("neutral", "Neutral"),
    ("dissatisfied", "Dissatisfied"),
]
# Documents a complaint can point to, when their app is installed.
RELATED_DOCUMENT_MODELS = [
    "sale.order",
    "account.move",
    "stock.picking",
    "purchase.order",
    "project.project",
    "project.task",
    "repair.order",
    "crm.lead",
    "helpdesk.ticket",
]
# Each deadline: (deadline, warning date, completion date, status) columns.
DEADLINES = {
    "response": (
        "response_deadline",
        "response_warning_date",
        "date_first_response",
        "response_status",
    ),
    "resolution": (
        "resolution_deadline",
        "resolution_warning_date",
        "date_resolved",
        "resolution_status",
    ),
    "next_response": (
        "next_response_deadline",
        "next_response_warning_date",
        None,
        "next_response_status",
    ),
}
MANAGER_GROUP = "service_quality.group_service_manager"
# Tolerance between the client's clock and the server's.
CLOCK_SKEW = timedelta(minutes=5)


def deadline_status(deadline, warning, done, now):
    """on_time / at_risk / breached of one deadline, as the cron's SQL does."""
    if not deadline:
        return False
    if (done or now) > deadline:
        return "breached"
    if not done and warning and now >= warning:
        return "at_risk"
    return "on_time"


def worst_status(*statuses):
    for status in ("breached", "at_risk", "on_time"):
        if status in statuses:
            return status
    return False


class ServiceComplaint(models.Model):
    """A customer complaint (客户投诉) and its way through the service process."""

    _name = "service.complaint"
    _description = "Customer Complaint"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "priority desc, date_received desc, id desc"
    _rec_names_search = ["reference", "name"]
    _check_company_auto = True
    _mail_post_access = "read"

    # ------------------------------------------------------------------
    # Identity and customer
    # ------------------------------------------------------------------
    reference = fields.Char(
        required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    name = fields.Char(string="Subject", required=True, tracking=True)
    description = fields.Html()
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        tracking=True,
        index=True,
        check_company=True,
        help="The person who complains; the customer is their company.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer",
        store=True,
        index=True,
    )
    partner_email = fields.Char(related="partner_id.email", string="Email")
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    tier_id = fields.Many2one(
        "service.customer.tier",
        string="Customer Tier",
        compute="_compute_tier_id",
        store=True,
        readonly=False,
        index=True,
        help="Tier of the customer when the complaint was received.",
    )
    channel_id = fields.Many2one(
        "service.channel",
        string="Channel",
        index=True,
        tracking=True,
        help="How the complaint reached us.",
    )
    service_type_id = fields.Many2one(
        "service.type", index=True, tracking=True, check_company=True
    )
    category_id = fields.Many2one(
        "service.complaint.category", string="Category", index=True, tracking=True
    )
    priority = fields.Selection(PRIORITIES, default="0", index=True, tracking=True)
    res_ref = fields.Reference(
        selection="_selection_res_ref",
        string="Related Document",
        help="The order, invoice, delivery or project the complaint is about.",
    )

    # ------------------------------------------------------------------
    # Handling
    # ------------------------------------------------------------------
    team_id = fields.Many2one(
        "service.team",
        string="Team",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user._service_default_team(),
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        check_company=True,
        domain=[("share", "=", False)],
        default=lambda self: self._default_user_id(),
    )
    stage_id = fields.Many2one(
        "service.complaint.stage",
        string="Stage",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        default=lambda self: self._default_stage_id(),
    )
    stage_kind = fields.Selection(related="stage_id.kind", string="Step")
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, index=True)
    standard_id = fields.Many2one(
        "service.standard",
        string="Service Standard",
        compute="_compute_standard_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="Matched automatically from the service type, the customer tier and "
        "the channel; the most specific standard wins.",
    )
    attitude_norms = fields.Html(related="standard_id.attitude_norms")
    service_content = fields.Html(related="standard_id.content")
    solution = fields.Html(help="The result fed back to the customer (处理结果).")
    root_cause_id = fields.Many2one(
        "service.root.cause", string="Root Cause", index=True, tracking=True
    )
    corrective_action = fields.Html(
        help="What is changed so that the cause does not happen again."
    )
    customer_evaluation = fields.Selection(
        EVALUATIONS,
        tracking=True,
        help="The customer's evaluation of how the complaint was handled.",
    )
    evaluation_note = fields.Text(string="Customer Comment")
    cancel_reason = fields.Text()
    reopen_count = fields.Integer(readonly=True, copy=False)
    customer_tz = fields.Char(
        compute="_compute_customer_tz",
        help="Time zone the customer reads our dates in: the contact's, else the "
        "one of the service calendar.",
    )
    customer_response_deadline = fields.Char(
        compute="_compute_customer_deadlines",
        help="The response deadline as the customer reads it: in their language "
        "and time zone.",
    )
    customer_resolution_deadline = fields.Char(
        compute="_compute_customer_deadlines",
        help="The resolution deadline as the customer reads it: in their language "
        "and time zone.",
    )
    customer_accept_url = fields.Char(compute="_compute_customer_urls")
    customer_reopen_url = fields.Char(compute="_compute_customer_urls")

    # ------------------------------------------------------------------
    # Dates and deadlines (all naive UTC, deadlines in working hours)
    # ------------------------------------------------------------------
    date_received = fields.Datetime(
        string="Received",
        required=True,
        index=True,
        copy=False,
        default=fields.Datetime.now,
        tracking=True,
    )
    date_first_response = fields.Datetime(
        string="First Response", readonly=True, copy=False, index=True
    )
    date_last_response = fields.Datetime(
        string="Last Response", readonly=True, copy=False
    )
    date_last_customer_message = fields.Datetime(
        string="Last Customer Message", readonly=True, copy=False
    )
    date_resolved = fields.Datetime(
        string="Result Fed Back",
        readonly=True,
        copy=False,
        index=True,
        help="When the result was fed back to the customer.",
    )
    date_closed = fields.Datetime(string="Closed", readonly=True, copy=False)
    response_deadline = fields.Datetime(
        compute="_compute_response_deadline", store=True, index=True, copy=False
    )
    response_warning_date = fields.Datetime(
        compute="_compute_response_deadline", store=True, copy=False
    )
    response_status = fields.Selection(
        DEADLINE_STATUSES,
        compute="_compute_response_status",
        store=True,
        index=True,
        copy=False,
    )
    response_working_hours = fields.Float(
        string="First Response Time (working hours)",
        compute="_compute_response_working_hours",
        store=True,
        aggregator="avg",
        copy=False,
    )
    resolution_paused = fields.Boolean(
        string="Clock Paused",
        readonly=True,
        copy=False,
        help="The case waits on the customer: the resolution clock is stopped.",
    )
    resolution_hours_consumed = fields.Float(
        readonly=True,
        copy=False,
        help="Working hours of the resolution time used before the clock was last "
        "paused or the case reopened.",
    )
    resolution_resume_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the resolution clock last started running.",
    )
    resolution_deadline = fields.Datetime(
        compute="_compute_resolution_deadline", store=True, index=True, copy=False
    )
    resolution_warning_date = fields.Datetime(
        compute="_compute_resolution_deadline", store=True, copy=False
    )
    resolution_status = fields.Selection(
        DEADLINE_STATUSES,
        compute="_compute_resolution_status",
        store=True,
        index=True,
        copy=False,
    )
    resolution_working_hours = fields.Float(
        string="Resolution Time (working hours)",
        compute="_compute_resolution_working_hours",
        store=True,
        aggregator="avg",
        copy=False,
        help="Working hours from receipt to the result fed back, pauses excluded.",
    )
    next_response_deadline = fields.Datetime(readonly=True, copy=False, index=True)
    next_response_warning_date = fields.Datetime(readonly=True, copy=False)
    next_response_status = fields.Selection(
        DEADLINE_STATUSES,
        compute="_compute_next_response_status",
        store=True,
        copy=False,
    )
    next_response_breach_count = fields.Integer(
        string="Late Next Responses", readonly=True, copy=False
    )
    deadline_status = fields.Selection(
        DEADLINE_STATUSES,
        compute="_compute_deadline_status",
        store=True,
        index=True,
        copy=False,
        help="The worst status of the case's deadlines.",
    )
    next_deadline = fields.Datetime(
        compute="_compute_next_deadline",
        store=True,
        copy=False,
        help="The earliest deadline the team still has to meet.",
    )
    breach_date = fields.Datetime(
        compute="_compute_breach_date",
        store=True,
        copy=False,
        help="When the case breached (or will breach, if nothing happens) its "
        "first deadline; escalation counts from here.",
    )
    escalation_level = fields.Integer(readonly=True, copy=False, tracking=True)
    escalation_next_date = fields.Datetime(
        compute="_compute_escalation_next_date", store=True, index=True, copy=False
    )

    # ------------------------------------------------------------------
    # Promises made to the customer
    # ------------------------------------------------------------------
    promise_ids = fields.One2many("service.promise", "complaint_id", string="Promises")
    promise_count = fields.Integer(compute="_compute_promise_count")

    # ------------------------------------------------------------------
    # Defaults and selections
    # ------------------------------------------------------------------
    def _default_stage_id(self):
        return self.env["service.complaint.stage"].search(
            [("kind", "=", "new")], limit=1
        )

    def _default_user_id(self):
        if self.env.user.has_group("service_quality.group_service_user"):
            return self.env.user
        return self.env["res.users"]

    @api.model
    def _selection_res_ref(self):
        models_ = (
            self.env["ir.model"]
            .sudo()
            .search([("model", "in", self._get_res_ref_models())])
        )
        return [(model.model, model.name) for model in models_]

    @api.model
    def _get_res_ref_models(self):
        """Models a complaint can be related to; extend to add yours."""
        return list(RELATED_DOCUMENT_MODELS)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("partner_id.commercial_partner_id.service_tier_id")
    def _compute_tier_id(self):
        for complaint in self:
            tier = complaint.partner_id.commercial_partner_id.service_tier_id
            if tier or not complaint.tier_id:
                complaint.tier_id = tier

    @api.depends(
        "service_type_id", "tier_id", "channel_id", "company_id", "date_received"
    )
    def _compute_standard_id(self):
        candidates = self.env["service.standard"].search(
            [("service_type_id", "in", self.service_type_id.ids)]
        )
        for complaint in self:
            complaint.standard_id = candidates._find_best(
                complaint.service_type_id,
                complaint.tier_id,
                complaint.channel_id,
                complaint.company_id,
                complaint._received_day(),
                candidates=candidates,
            )

    @api.depends("promise_ids")
    def _compute_promise_count(self):
        counts = dict(
            self.env["service.promise"]._read_group(
                [("complaint_id", "in", self.ids)],
                groupby=["complaint_id"],
                aggregates=["__count"],
            )
        )
        for complaint in self:
            complaint.promise_count = counts.get(complaint, 0)

    @api.depends("partner_id.tz", "standard_id.calendar_id.tz", "company_id")
    def _compute_customer_tz(self):
        for complaint in self:
            complaint.customer_tz = (
                complaint.partner_id.tz or complaint._calendar().tz or "UTC"
            )

    @api.depends(
        "response_deadline", "resolution_deadline", "partner_id.lang", "customer_tz"
    )
    def _compute_customer_deadlines(self):
        for complaint in self:
            complaint.customer_response_deadline = complaint._format_for_customer(
                complaint.response_deadline
            )
            complaint.customer_resolution_deadline = complaint._format_for_customer(
                complaint.resolution_deadline
            )

    def _format_for_customer(self, value):
        """``value`` (naive UTC) as the customer reads it, e.g. "Mon, Jan 5,
        2026, 2:00 PM" or "2026年1月5日周一 14:00": weekday, date and time
        without seconds, in their language and time zone."""
        self.ensure_one()
        if not value:
            return False
        locale = tools.babel_locale_parse(self.partner_id.lang or self.env.lang)
        local = pytz.utc.localize(value).astimezone(pytz.timezone(self.customer_tz))
        date_part = babel.dates.format_skeleton("yMMMEd", local, locale=locale)
        time_part = babel.dates.format_time(local, format="short", locale=locale)
        return (
            locale.datetime_formats["medium"]
            .replace("{1}", date_part)
            .replace("{0}", time_part)
        )

    @api.depends("access_token")
    def _compute_customer_urls(self):
        for complaint in self:
            if not complaint.id or not complaint.access_token:
                complaint.customer_accept_url = complaint.customer_reopen_url = False
                continue
            base = f"{complaint.get_base_url()}/complaint/{complaint.id}"
            query = urlencode({"access_token": complaint.access_token})
            complaint.customer_accept_url = f"{base}/accept?{query}"
            complaint.customer_reopen_url = f"{base}/reopen?{query}"

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"
        return result

    @api.depends("standard_id", "date_received")
    def _compute_response_deadline(self):
        for complaint in self:
            standard = complaint.standard_id
            if not standard or not complaint.date_received:
                complaint.response_deadline = complaint.response_warning_date = False
                continue
            start = complaint.date_received
            complaint.response_deadline = standard._plan(start, standard.response_hours)
            complaint.response_warning_date = standard._plan(
                start, standard.response_hours * standard.warning_percent / 100
            )

    @api.depends(
        "response_deadline", "response_warning_date", "date_first_response", "stage_id"
    )
    def _compute_response_status(self):
        now = fields.Datetime.now()
        for complaint in self:
            if complaint.stage_id.kind == "cancelled":
                complaint.response_status = False
                continue
            complaint.response_status = deadline_status(
                complaint.response_deadline,
                complaint.response_warning_date,
                complaint.date_first_response,
                now,
            )

    @api.depends("date_received", "date_first_response", "standard_id")
    def _compute_response_working_hours(self):
        for complaint in self:
            complaint.response_working_hours = complaint._working_hours_between(
                complaint.date_received, complaint.date_first_response
            )

    @api.depends(
        "standard_id",
        "date_received",
        "resolution_paused",
        "resolution_hours_consumed",
        "resolution_resume_date",
    )
    def _compute_resolution_deadline(self):
        for complaint in self:
            standard = complaint.standard_id
            if (
                not standard
                or not complaint.date_received
                or complaint.resolution_paused
            ):
                complaint.resolution_deadline = False
                complaint.resolution_warning_date = False
                continue
            start = complaint.resolution_resume_date or complaint.date_received
            consumed = complaint.resolution_hours_consumed
            allowed = standard.resolution_hours
            complaint.resolution_deadline = standard._plan(start, allowed - consumed)
            complaint.resolution_warning_date = standard._plan(
                start, allowed * standard.warning_percent / 100 - consumed
            )

    @api.depends(
        "resolution_deadline",
        "resolution_warning_date",
        "date_resolved",
        "resolution_paused",
        "resolution_hours_consumed",
        "stage_id",
    )
    def _compute_resolution_status(self):
        now = fields.Datetime.now()
        for complaint in self:
            standard = complaint.standard_id
            if complaint.stage_id.kind == "cancelled":
                status = False
            elif (
                complaint.resolution_paused and standard and not complaint.date_resolved
            ):
                # The clock stands still: judge by the time used so far.
                used = complaint.resolution_hours_consumed
                if used > standard.resolution_hours:
                    status = "breached"
                elif used >= standard.resolution_hours * standard.warning_percent / 100:
                    status = "at_risk"
                else:
                    status = "on_time"
            else:
                status = deadline_status(
                    complaint.resolution_deadline,
                    complaint.resolution_warning_date,
                    complaint.date_resolved,
                    now,
                )
            complaint.resolution_status = status

    @api.depends(
        "date_resolved",
        "resolution_hours_consumed",
        "resolution_resume_date",
        "date_received",
        "standard_id",
    )
    def _compute_resolution_working_hours(self):
        for complaint in self:
            if not complaint.date_resolved:
                complaint.resolution_working_hours = 0.0
                continue
            running_since = complaint.resolution_resume_date or complaint.date_received
            complaint.resolution_working_hours = (
                complaint.resolution_hours_consumed
                + complaint._working_hours_between(
                    running_since, complaint.date_resolved
                )
            )

    @api.depends("next_response_deadline", "next_response_warning_date", "stage_id")
    def _compute_next_response_status(self):
        now = fields.Datetime.now()
        for complaint in self:
            if complaint.stage_id.kind == "cancelled":
                complaint.next_response_status = False
                continue
            complaint.next_response_status = deadline_status(
                complaint.next_response_deadline,
                complaint.next_response_warning_date,
                False,
                now,
            )

    @api.depends("response_status", "resolution_status", "next_response_status")
    def _compute_deadline_status(self):
        for complaint in self:
            complaint.deadline_status = worst_status(
                complaint.response_status,
                complaint.resolution_status,
                complaint.next_response_status,
            )

    @api.depends(
        "response_deadline",
        "date_first_response",
        "resolution_deadline",
        "date_resolved",
        "next_response_deadline",
        "is_closed",
    )
    def _compute_next_deadline(self):
        for complaint in self:
            pending = []
            if not complaint.is_closed:
                if not complaint.date_first_response:
                    pending.append(complaint.response_deadline)
                if not complaint.date_resolved:
                    pending.append(complaint.resolution_deadline)
                pending.append(complaint.next_response_deadline)
            pending = [deadline for deadline in pending if deadline]
            complaint.next_deadline = min(pending) if pending else False

    @api.depends(
        "response_deadline",
        "date_first_response",
        "resolution_deadline",
        "date_resolved",
    )
    def _compute_breach_date(self):
        for complaint in self:
            breaches = []
            deadline = complaint.response_deadline
            done = complaint.date_first_response
            if deadline and (not done or done > deadline):
                breaches.append(deadline)
            deadline = complaint.resolution_deadline
            done = complaint.date_resolved
            if deadline and (not done or done > deadline):
                breaches.append(deadline)
            complaint.breach_date = min(breaches) if breaches else False

    @api.depends(
        "breach_date",
        "escalation_level",
        "date_resolved",
        "is_closed",
        "standard_id.escalation_rule_ids.level",
        "standard_id.escalation_rule_ids.hours_after_breach",
    )
    def _compute_escalation_next_date(self):
        for complaint in self:
            rule = complaint._next_escalation_rule()
            if (
                not rule
                or not complaint.breach_date
                or complaint.date_resolved
                or complaint.is_closed
            ):
                complaint.escalation_next_date = False
            elif not rule.hours_after_breach:
                complaint.escalation_next_date = complaint.breach_date
            else:
                complaint.escalation_next_date = complaint.standard_id._plan(
                    complaint.breach_date, rule.hours_after_breach
                )

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for complaint in self:
            complaint.display_name = f"[{complaint.reference}] {complaint.name or ''}"

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(
        "stage_id",
        "user_id",
        "solution",
        "customer_evaluation",
        "root_cause_id",
        "cancel_reason",
    )
    def _check_stage_requirements(self):
        for complaint in self:
            missing = complaint._missing_for_stage(complaint.stage_id)
            if missing:
                raise ValidationError(
                    _(
                        "Complaint %(complaint)s cannot be in stage “%(stage)s” "
                        "without: %(missing)s.",
                        complaint=complaint.reference,
                        stage=complaint.stage_id.name,
                        missing=", ".join(missing),
                    )
                )

    def _missing_for_stage(self, stage):
        """Labels of what the complaint lacks to be in ``stage``."""
        self.ensure_one()
        kind = stage.kind
        missing = []
        if kind not in ("new", "cancelled") and not self.user_id:
            missing.append(_("a responsible"))
        if kind in RESOLVED_KINDS and is_html_empty(self.solution):
            missing.append(_("the solution given to the customer"))
        if kind == "evaluated" and not self.customer_evaluation:
            missing.append(_("the customer's evaluation"))
        if kind == "closed" and not self.root_cause_id:
            missing.append(_("a root cause"))
        if kind == "cancelled" and not (self.cancel_reason or "").strip():
            missing.append(_("a cancellation reason"))
        return missing

    @api.constrains("date_received")
    def _check_date_received(self):
        now = fields.Datetime.now()
        for complaint in self:
            if complaint.date_received > now.replace(microsecond=0) + CLOCK_SKEW:
                raise ValidationError(
                    _(
                        "Complaint %(complaint)s cannot be received in the future.",
                        complaint=complaint.reference,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_manager_only_changes(vals)
            if vals.get("reference", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["reference"] = self.env["ir.sequence"].with_company(
                    company
                ).next_by_code("service.complaint") or _("New")
        complaints = super().create(vals_list)
        now = fields.Datetime.now()
        # A case logged directly in a later stage (e.g. a phone complaint solved
        # during the call) gets the dates that stage implies.
        for complaint in complaints.filtered(lambda c: c.stage_id.kind != "new"):
            values = complaint._stage_change_values(
                self.env["service.complaint.stage"], complaint.stage_id, now
            )
            if values:
                complaint.write(values)
        if not self.env.context.get("service_complaint_no_mail"):
            complaints._send_customer_mail(
                "service_quality.mail_template_complaint_acknowledgement"
            )
        return complaints

    def write(self, vals):
        self._check_manager_only_changes(vals)
        if "stage_id" not in vals:
            return super().write(vals)
        stage = self.env["service.complaint.stage"].browse(vals["stage_id"])
        now = fields.Datetime.now()
        fed_back = self.browse()
        for complaint in self:
            if stage.kind == "fed_back" and complaint.stage_id.kind != "fed_back":
                fed_back |= complaint
            values = complaint._stage_change_values(complaint.stage_id, stage, now)
            super(ServiceComplaint, complaint).write({**values, **vals})
        if fed_back and not self.env.context.get("service_complaint_no_mail"):
            fed_back._send_customer_mail(
                "service_quality.mail_template_complaint_result"
            )
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_received(self):
        raise UserError(
            _(
                "A received complaint cannot be deleted: cancel or archive it "
                "instead, so that nothing the customer told us is lost."
            )
        )

    def _check_manager_only_changes(self, vals):
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        if "active" in vals and not vals["active"]:
            raise UserError(_("Only service managers can archive complaints."))
        if vals.get("stage_id"):
            stage = self.env["service.complaint.stage"].browse(vals["stage_id"])
            if stage.kind == "cancelled":
                raise UserError(_("Only service managers can cancel complaints."))

    def _creation_subtype(self):
        return self.env.ref("service_quality.mt_complaint_new")

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env.ref("service_quality.mt_complaint_stage")
        return super()._track_subtype(init_values)

    # ------------------------------------------------------------------
    # Service process
    # ------------------------------------------------------------------
    def _received_day(self):
        self.ensure_one()
        return fields.Date.context_today(
            self, self.date_received or fields.Datetime.now()
        )

    def _calendar(self):
        self.ensure_one()
        return self.standard_id.calendar_id or self.company_id.resource_calendar_id

    def _working_hours_between(self, start, end):
        self.ensure_one()
        calendar = self._calendar()
        if not calendar or not start or not end or end <= start:
            return 0.0
        return calendar.get_work_hours_count(start, end, compute_leaves=True)

    def _stage_change_values(self, old_stage, stage, now):
        """Values that entering ``stage`` from ``old_stage`` records."""
        self.ensure_one()
        if stage == old_stage:
            return {}
        values = {}
        if stage.kind in RESPONSE_KINDS and not self.date_first_response:
            values["date_first_response"] = now
        if self.date_resolved and stage.kind not in RESOLVED_KINDS + CLOSED_KINDS:
            values.update(self._reopen_values(now))
        elif (
            stage.kind in RESOLVED_KINDS
            and old_stage.kind not in RESOLVED_KINDS
            and not self.date_resolved
        ):
            values["date_resolved"] = now
        resolved = values.get("date_resolved", self.date_resolved)
        pause = stage.pause_resolution and not resolved
        if pause and not self.resolution_paused:
            running_since = self.resolution_resume_date or self.date_received
            values["resolution_hours_consumed"] = values.get(
                "resolution_hours_consumed", self.resolution_hours_consumed
            ) + self._working_hours_between(running_since, now)
            values["resolution_paused"] = True
        elif not pause and self.resolution_paused:
            values["resolution_paused"] = False
            values["resolution_resume_date"] = now
        if stage.is_closed and not old_stage.is_closed and not self.date_closed:
            values["date_closed"] = now
        elif not stage.is_closed and old_stage.is_closed:
            values["date_closed"] = False
        return values

    def _reopen_values(self, now):
        """Reopening after the result was fed back restarts the clock."""
        self.ensure_one()
        if self.standard_id.reopen_policy == "restart":
            consumed, level = 0.0, 0
        else:
            consumed, level = self.resolution_working_hours, self.escalation_level
        return {
            "date_resolved": False,
            "reopen_count": self.reopen_count + 1,
            "resolution_hours_consumed": consumed,
            "resolution_resume_date": now,
            "resolution_paused": False,
            "escalation_level": level,
            "customer_evaluation": False,
        }

    def _next_escalation_rule(self):
        self.ensure_one()
        rules = self.standard_id.escalation_rule_ids.filtered(
            lambda rule: rule.level > self.escalation_level
        )
        return rules.sorted("level")[:1]

    # ------------------------------------------------------------------
    # Messages: first response, customer messages, next response
    # ------------------------------------------------------------------
    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if message.message_type not in ("comment", "email") or (
            message.subtype_id and message.subtype_id.internal
        ):
            return result
        author = message.author_id
        if not author or author == self.env.ref("base.partner_root"):
            return result
        is_staff = bool(author.sudo().user_ids.filtered(lambda user: not user.share))
        for complaint in self.sudo():
            if is_staff and message.message_type == "comment":
                complaint._register_staff_reply(message.date)
            elif not is_staff:
                complaint._register_customer_message(message.date)
        return result

    def _register_staff_reply(self, date):
        self.ensure_one()
        values = {"date_last_response": date}
        if not self.date_first_response:
            values["date_first_response"] = date
        if self.next_response_deadline:
            if date > self.next_response_deadline:
                values["next_response_breach_count"] = (
                    self.next_response_breach_count + 1
                )
            values.update(
                next_response_deadline=False, next_response_warning_date=False
            )
        self.write(values)

    def _handling_stage(self):
        """The stage a case goes back to when it no longer waits on the
        customer: the first handling stage whose clock runs."""
        return self.env["service.complaint.stage"].search(
            [("kind", "=", "handling"), ("pause_resolution", "=", False)], limit=1
        )

    def _register_customer_message(self, date):
        self.ensure_one()
        values = {"date_last_customer_message": date}
        standard = self.standard_id
        if (
            self.date_first_response
            and not self.next_response_deadline
            and not self.is_closed
            and standard
        ):
            hours = standard.next_response_hours
            values["next_response_deadline"] = standard._plan(date, hours)
            values["next_response_warning_date"] = standard._plan(
                date, hours * standard.warning_percent / 100
            )
        if self.stage_id.pause_resolution:
            # The customer answered: the case is no longer waiting on them.
            stage = self._handling_stage()
            if stage:
                values["stage_id"] = stage.id
        self.write(values)

    # ------------------------------------------------------------------
    # Mail gateway: complaints by email, customer replies
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to a team's alias becomes a complaint of that team.

        The sender is matched to an existing contact by email, else a contact
        is created; the mail itself (body and attachments) is posted in the
        chatter by the gateway right after.
        """
        email_from = msg_dict.get("email_from") or ""
        _name, email = tools.parse_contact_from_email(email_from)
        if not email:
            raise ValueError(
                _(
                    "A complaint by email needs a valid sender address, got “%s”.",
                    email_from,
                )
            )
        partner = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if not partner or partner == self.env.ref("base.partner_root"):
            partner = self.env["res.partner"].find_or_create(email_from)
            msg_dict["author_id"] = partner.id
        values = {
            "name": (msg_dict.get("subject") or "").strip() or _("(no subject)"),
            "description": msg_dict.get("body") or False,
            "partner_id": partner.id,
            "channel_id": self.env.ref("service_quality.service_channel_email").id,
        }
        values.update(custom_values or {})
        if "team_id" in values and "company_id" not in values:
            team = self.env["service.team"].browse(values["team_id"])
            values["company_id"] = team.company_id.id
        # Nobody is made responsible by receiving a mail: dispatching decides.
        complaint = super(
            ServiceComplaint, self.with_context(default_user_id=False)
        ).message_new(msg_dict, custom_values=values)
        complaint.message_subscribe(partner_ids=partner.ids)
        return complaint

    def message_update(self, msg_dict, update_vals=None):
        """A reply of the customer: the gateway posts it in the chatter, where
        ``_message_post_after_hook`` records it as a customer message. Known
        contacts in copy follow the complaint from now on."""
        emails = tools.email_split(
            ",".join(filter(None, (msg_dict.get("to"), msg_dict.get("cc"))))
        )
        partners = self.env["mail.thread"]._mail_find_partner_from_emails(
            emails, records=self, force_create=False
        )
        self.message_subscribe(
            partner_ids=[partner.id for partner in partners if partner]
        )
        return super().message_update(msg_dict, update_vals=update_vals)

    # ------------------------------------------------------------------
    # Mails to the customer, accept and reopen from these mails
    # ------------------------------------------------------------------
    def _send_customer_mail(self, template_xmlid):
        """Post ``template`` to the customer as an automated message: it is
        mailed to them and kept in the chatter, without counting as an answer
        of the team."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        for complaint in self.filtered("partner_id.email"):
            complaint._portal_ensure_token()
            complaint.with_context(
                service_complaint_auto_mail=True
            ).message_post_with_source(
                template,
                message_type="auto_comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _notify_by_email_get_headers(self, headers=None):
        headers = super()._notify_by_email_get_headers(headers=headers)
        if self.env.context.get("service_complaint_auto_mail"):
            headers.update(AUTO_GENERATED_HEADERS)
        return headers

    @api.model
    def _create_from_customer(self, partner, subject, description, channel, files=()):
        """A complaint filed by the customer (portal or public form), with the
        files they attached as ``(name, content)`` pairs. Called
        with sudo by the controllers, after they validated the input."""
        company = partner.company_id or self.env.company
        team = self.env["service.team"].search(
            [("company_id", "=", company.id)], limit=1
        )
        complaint = self.with_context(default_user_id=False).create(
            {
                "name": subject,
                "description": description,
                "partner_id": partner.id,
                "channel_id": channel.id,
                "company_id": company.id,
                "team_id": team.id,
            }
        )
        complaint.message_subscribe(partner_ids=partner.ids)
        if files:
            # message_post creates the attachments on the complaint and links
            # them to the message, whoever the (portal, public) user is.
            complaint.message_post(
                body=_("Files sent with the complaint."),
                author_id=partner.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                attachments=list(files),
            )
        return complaint

    def _check_customer_can_answer(self):
        self.ensure_one()
        if self.stage_id.kind != "fed_back":
            raise UserError(
                _(
                    "Complaint %(complaint)s is not waiting for your answer any "
                    "more.",
                    complaint=self.reference,
                )
            )

    def action_customer_accept(self, evaluation, comment=None):
        """The customer accepts the result fed back and evaluates it."""
        self.ensure_one()
        self._check_customer_can_answer()
        if evaluation not in dict(EVALUATIONS):
            raise ValidationError(_("Please choose how satisfied you are."))
        stage = self.env["service.complaint.stage"].search(
            [("kind", "=", "evaluated")], limit=1
        )
        if not stage:
            raise UserError(_("No stage of kind “Evaluated” is defined."))
        values = {"customer_evaluation": evaluation, "stage_id": stage.id}
        if comment and comment.strip():
            values["evaluation_note"] = comment.strip()
        self.write(values)
        # logged for the team, in the company's language (not the customer's)
        team = self.with_context(lang=self.company_id._service_chatter_lang())
        self._message_log(
            body=team.env._(
                "The customer accepted the result: %(evaluation)s.",
                evaluation=self._fields["customer_evaluation"].convert_to_export(
                    evaluation, team
                ),
            )
        )
        return True

    def action_customer_reopen(self, reason):
        """The customer does not accept the result: the case goes back to
        handling, the resolution clock restarts or continues as the standard's
        reopen policy says, and the reason lands in the chatter as their
        message."""
        self.ensure_one()
        self._check_customer_can_answer()
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("Please tell us why the result does not suit you."))
        stage = self._handling_stage()
        if not stage:
            raise UserError(_("No handling stage is defined."))
        self.write({"stage_id": stage.id})
        self.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (_("The customer reopened the complaint:"), reason),
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return True

    # ------------------------------------------------------------------
    # Scheduled check: statuses, warnings, escalation
    # ------------------------------------------------------------------
    def init(self):
        # Partial indexes for the scheduled check, which only looks at open cases.
        for column in ("response_warning_date", "resolution_warning_date"):
            create_index(
                self.env.cr,
                f"service_complaint_open_{column}_idx",
                self._table,
                [column],
                where="active AND is_closed IS NOT TRUE",
            )
        create_index(
            self.env.cr,
            "service_complaint_open_next_response_idx",
            self._table,
            ["next_response_warning_date"],
            where="next_response_deadline IS NOT NULL",
        )

    @api.model
    def _cron_check_deadlines(self, batch_size=500):
        """Refresh deadline statuses, warn before, escalate after a breach.

        Statuses are refreshed with a few UPDATE statements over the indexed
        columns, whatever the number of open cases. Escalation handles at most
        ``batch_size`` cases and tells the scheduler how many remain, so a
        backlog is worked off in bounded transactions. Each level fires once:
        raising ``escalation_level`` moves ``escalation_next_date`` to the next
        level (or clears it), so a second run finds nothing to redo.
        """
        now = fields.Datetime.now()
        at_risk = self._refresh_deadline_statuses(now)
        at_risk._warn_at_risk()
        domain = [("escalation_next_date", "<=", now), ("is_closed", "=", False)]
        due = self.search(domain, order="escalation_next_date, id", limit=batch_size)
        due._escalate()
        remaining = self.search_count(domain) if len(due) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
        return due

    @api.model
    def _refresh_deadline_statuses(self, now):
        """Move statuses of open cases forward in SQL; return the cases that
        have just become at risk."""
        self.flush_model()
        changed, at_risk = set(), set()
        for deadline, warning, done, status in DEADLINES.values():
            conditions = [
                SQL("active"),
                SQL("is_closed IS NOT TRUE"),
                SQL("%s IS NOT NULL", SQL.identifier(deadline)),
                SQL("%s <= %s", SQL.identifier(warning), now),
                SQL(
                    "(COALESCE(%(status)s, 'on_time') = 'on_time'"
                    " OR (%(status)s = 'at_risk' AND %(deadline)s < %(now)s))",
                    status=SQL.identifier(status),
                    deadline=SQL.identifier(deadline),
                    now=now,
                ),
            ]
            if done:
                conditions.append(SQL("%s IS NULL", SQL.identifier(done)))
            if deadline == "resolution_deadline":
                conditions.append(SQL("resolution_paused IS NOT TRUE"))
            self.env.cr.execute(
                SQL(
                    "UPDATE service_complaint SET %(status)s = CASE WHEN %(deadline)s"
                    " < %(now)s THEN 'breached' ELSE 'at_risk' END WHERE %(where)s"
                    " RETURNING id, %(status)s",
                    status=SQL.identifier(status),
                    deadline=SQL.identifier(deadline),
                    now=now,
                    where=SQL(" AND ").join(conditions),
                )
            )
            for complaint_id, new_status in self.env.cr.fetchall():
                changed.add(complaint_id)
                if new_status == "at_risk" and status != "next_response_status":
                    at_risk.add(complaint_id)
        if changed:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE service_complaint SET deadline_status = CASE
                        WHEN 'breached' IN (response_status, resolution_status,
                                            next_response_status) THEN 'breached'
                        WHEN 'at_risk' IN (response_status, resolution_status,
                                           next_response_status) THEN 'at_risk'
                        ELSE 'on_time' END
                    WHERE id = ANY(%s)
                    """,
                    list(changed),
                )
            )
            self.invalidate_model(
                [
                    "response_status",
                    "resolution_status",
                    "next_response_status",
                    "deadline_status",
                ]
            )
        return self.browse(sorted(at_risk))

    def _warn_at_risk(self):
        """An activity for whoever handles a case that is about to breach."""
        activity_type = self.env.ref("service_quality.mail_activity_type_at_risk")
        vals_list = []
        for complaint in self:
            user = complaint.user_id or complaint.team_id.user_id
            if user:
                # in the assignee's language, not the cron user's
                complaint = complaint.with_context(lang=user.lang)
                vals_list.append(
                    complaint._activity_values(
                        activity_type,
                        user,
                        complaint.env._(
                            "Deadline at risk: %(deadline)s",
                            deadline=complaint._format_deadline(
                                complaint.next_deadline
                            ),
                        ),
                    )
                )
        self._create_activities(vals_list)

    def _escalate(self):
        """Raise each case to its next escalation level, once.

        Work per batch, not per case: one grouped insert of the activities
        (their assignees see them at once), one batch of chatter logs, one
        digest notification per person notified, one write per level.
        """
        activity_type = self.env.ref("service_quality.mail_activity_type_escalation")
        activities, bodies = [], {}
        by_rule = defaultdict(lambda: self.browse())
        digests = defaultdict(list)
        for complaint in self:
            rule = complaint._next_escalation_rule()
            if not rule:
                continue
            users = rule._get_recipients(complaint)
            for user in users:
                # each activity in its assignee's language
                reader = complaint.with_context(lang=user.lang)
                summary = reader.env._(
                    "Escalation level %(level)s: %(complaint)s",
                    level=rule.level,
                    complaint=complaint.reference,
                )
                note = rule.with_context(lang=user.lang).note
                activities.append(
                    complaint._activity_values(activity_type, user, summary, note)
                )
                digests[user].append((complaint, rule))
            # the chatter is the team's: in the company's language
            team = complaint.with_context(
                lang=complaint.company_id._service_chatter_lang()
            )
            bodies[complaint.id] = Markup("<p>%s</p>") % team.env._(
                "Escalated to level %(level)s: the deadline was breached on "
                "%(breach)s. Notified: %(users)s.",
                level=rule.level,
                breach=team._format_deadline(complaint.breach_date),
                users=", ".join(users.mapped("name")) or team.env._("nobody"),
            )
            by_rule[rule] |= complaint
        self._create_activities(activities)
        self.browse(list(bodies))._message_log_batch(bodies=bodies)
        for rule, complaints in by_rule.items():
            values = {"escalation_level": rule.level}
            if rule.raise_priority:
                values["priority"] = "3"
            complaints.write(values)
        for user, items in digests.items():
            self._notify_escalation_digest(user, items)

    def _activity_values(self, activity_type, user, summary, note=False):
        self.ensure_one()
        return {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            "date_deadline": fields.Date.context_today(self),
            "automated": True,
            "summary": summary,
            "note": note,
        }

    def _create_activities(self, vals_list):
        # quick_update: no e-mail per activity, the digest below tells people
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )

    def _notify_escalation_digest(self, user, items):
        """One message per person and run, listing the cases escalated to
        them, in their language."""
        env = self.with_context(lang=user.lang).env
        lines = Markup("").join(
            Markup('<li><a href="/odoo/service.complaint/%s">%s</a> — %s</li>')
            % (
                complaint.id,
                complaint.display_name,
                env._("level %(level)s", level=rule.level),
            )
            for complaint, rule in items
        )
        env["mail.thread"].sudo().message_notify(
            partner_ids=user.partner_id.ids,
            subject=env._("%(count)s complaints escalated to you", count=len(items)),
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                env._("These complaints breached their deadline and were escalated:"),
                lines,
            ),
        )

    def _format_deadline(self, value):
        """A datetime in the time zone of the complaint's calendar (else the
        user's, else UTC)."""
        self.ensure_one()
        return tools.format_datetime(
            self.env, value, tz=self._calendar().tz, dt_format="yyyy-MM-dd HH:mm"
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_take(self):
        """Assign the complaint to oneself (and one's team if it has none)."""
        for complaint in self:
            values = {"user_id": self.env.user.id}
            if not complaint.team_id:
                values["team_id"] = self.env.user._service_default_team(
                    complaint.company_id
                ).id
            complaint.write(values)

    def action_view_promises(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_promise_action"
        )
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {
            "default_complaint_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_team_id": self.team_id.id,
            "default_user_id": self.user_id.id,
            "default_company_id": self.company_id.id,
        }
        return action
