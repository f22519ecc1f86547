# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from urllib.parse import urlencode

import babel.dates
import pytz
from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from .mail_thread import AUTO_GENERATED_HEADERS
from .service_complaint_stage import CLOSED_KINDS, RESOLVED_KINDS, RESPONSE_KINDS

PRIORITIES = [
    ("0", "Normal"),
    ("1", "Important"),
    ("2", "High"),
    ("3", "Urgent"),
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
MANAGER_GROUP = "service_quality.group_service_manager"
# Tolerance between the client's clock and the server's.
CLOCK_SKEW = timedelta(minutes=5)


class ServiceComplaint(models.Model):
    """A customer complaint (客户投诉) and its way through the service process."""

    _name = "service.complaint"
    _description = "Customer Complaint"
    # The deadline machinery comes first, before mail.thread: it reads the
    # messages posted (see service.sla.mixin).
    _inherit = [
        "service.sla.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
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
    # The deadline fields (first response, resolution, next response,
    # statuses, escalation) come from service.sla.mixin.
    date_resolved = fields.Datetime(
        string="Result Fed Back",
        help="When the result was fed back to the customer.",
    )
    date_closed = fields.Datetime(string="Closed", readonly=True, copy=False)
    # The escalation level (service.sla.mixin) as a sentence in the reader's
    # language ("升级 2 级"): the number sits inside the words, so a view
    # cannot put it next to a label.
    escalation_label = fields.Char(
        string="Escalation", compute="_compute_escalation_label"
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
    # Hooks of service.sla.mixin: what deadlines read on a complaint
    # ------------------------------------------------------------------
    @api.model
    def _sla_standard_depends(self):
        return [
            "service_type_id",
            "tier_id",
            "channel_id",
            "company_id",
            "date_received",
        ]

    def _sla_standard_criteria(self):
        self.ensure_one()
        return {
            "service_type": self.service_type_id,
            "tier": self.tier_id,
            "channel": self.channel_id,
            "company": self.company_id,
            "day": self._sla_received_day(),
        }

    def _sla_is_cancelled(self):
        self.ensure_one()
        return self.stage_id.kind == "cancelled"

    def _sla_stage_responds(self, stage):
        return stage.kind in RESPONSE_KINDS

    def _sla_stage_resolves(self, stage):
        return stage.kind in RESOLVED_KINDS

    def _sla_stage_is_closed(self, stage):
        return stage.kind in CLOSED_KINDS

    def _sla_stage_pauses(self, stage):
        return stage.pause_resolution

    def _sla_resume_stage(self):
        return self._handling_stage()

    def _sla_created_in_later_stage(self):
        self.ensure_one()
        return self.stage_id.kind != "new"

    def _sla_reference(self):
        self.ensure_one()
        return self.reference

    def _sla_digest_subject(self, count):
        return _("%(count)s complaints escalated to you", count=count)

    def _sla_digest_intro(self):
        return _("These complaints breached their deadline and were escalated:")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("partner_id.commercial_partner_id.service_tier_id")
    def _compute_tier_id(self):
        for complaint in self:
            tier = complaint.partner_id.commercial_partner_id.service_tier_id
            if tier or not complaint.tier_id:
                complaint.tier_id = tier

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
                complaint.partner_id.tz or complaint._sla_calendar().tz or "UTC"
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

    @api.depends("escalation_level")
    @api.depends_context("lang")
    def _compute_escalation_label(self):
        for complaint in self:
            complaint.escalation_label = (
                self.env._("Escalation level %s", complaint.escalation_level)
                if complaint.escalation_level
                else False
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
        # service.sla.mixin stamps the dates of a case created in a later stage.
        complaints = super().create(vals_list)
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
        fed_back = self.filtered(
            lambda complaint: stage.kind == "fed_back"
            and complaint.stage_id.kind != "fed_back"
        )
        # service.sla.mixin records what entering the stage means for the
        # deadlines (first response, result fed back, pause, reopening).
        super().write(vals)
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
    def _sla_stage_change_values(self, old_stage, stage, now):
        """The deadline values of the mixin, and the closing date."""
        values = super()._sla_stage_change_values(old_stage, stage, now)
        if stage == old_stage:
            return values
        if stage.is_closed and not old_stage.is_closed and not self.date_closed:
            values["date_closed"] = now
        elif not stage.is_closed and old_stage.is_closed:
            values["date_closed"] = False
        return values

    def _sla_reopen_values(self, now):
        """Reopening also clears the customer's evaluation of the result."""
        return {**super()._sla_reopen_values(now), "customer_evaluation": False}

    # ------------------------------------------------------------------
    # Messages (read by service.sla.mixin): where a customer answer leads
    # ------------------------------------------------------------------
    def _handling_stage(self):
        """The stage a case goes back to when it no longer waits on the
        customer: the first handling stage whose clock runs."""
        return self.env["service.complaint.stage"].search(
            [("kind", "=", "handling"), ("pause_resolution", "=", False)], limit=1
        )

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
