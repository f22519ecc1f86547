# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.tools import SQL, create_index

DEADLINE_STATUSES = [
    ("on_time", "On Time"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
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


class ServiceSlaMixin(models.AbstractModel):
    """Service standard, deadlines, pause, statuses and escalation of a case.

    A concrete model (``service.complaint``; a bridge's ``helpdesk.ticket``)
    inherits this mixin and gets the matched ``standard_id``, the first
    response, next response and resolution deadlines in working hours, the
    pause while the case waits on the customer, the on time / at risk /
    breached statuses, the escalation levels and the batched scheduled check
    (``_cron_check_deadlines``, to be called by an ``ir.cron`` of the model).

    What the concrete model provides:

    * class attributes naming its fields (used in dependencies and in the
      cron's SQL, so they must be stored columns where noted):

      - ``_sla_date_received_field``: when the case was received (stored
        datetime, e.g. ``date_received``; a ticket's ``create_date``);
      - ``_sla_stage_field``: its stage (many2one, e.g. ``stage_id``);
      - ``_sla_closed_field``: stored boolean, true once the case is closed
        (a ticket: a stored related of ``stage_id.closed``); the model must
        also have a stored ``active`` boolean.

    * fields the defaults read: ``company_id``, ``user_id`` (responsible),
      ``team_id`` with a ``user_id`` (team leader), ``priority`` ("3" is
      urgent); override ``_sla_responsible_user``, ``_sla_team_leader`` or
      ``_sla_urgent_values`` where the model differs.

    * the hook methods of the "Hooks" section below:
      ``_sla_standard_depends``, ``_sla_standard_criteria``,
      ``_sla_stage_resolves``, ``_sla_stage_is_closed`` and
      ``_sla_stage_pauses`` must be overridden; the others
      (``_sla_calendar``, ``_sla_is_cancelled``, ``_sla_stage_responds``,
      ``_sla_resume_stage``, ``_sla_created_in_later_stage``,
      ``_sla_is_staff_reply``, ``_sla_is_customer_message``,
      ``_sla_reference``, ``_sla_digest_subject``, ``_sla_digest_intro``)
      have defaults that suit most models.

    * an ``ir.cron`` calling ``model._cron_check_deadlines()`` on the model.

    The mixin's stored fields keep the names service.complaint always had
    (``standard_id``, ``date_first_response``, ``date_resolved``,
    ``response_deadline``, ``resolution_deadline``, ``next_response_deadline``,
    the ``*_status``, ``breach_date``, ``escalation_level``, ...); none of
    them exists in helpdesk_mgmt or helpdesk_mgmt_sla (whose deadline is
    ``sla_deadline``). The complaint KPIs read the same columns (see
    ``service.kpi.engine._kpi_sources`` in kpi_dashboard).

    * the mail machinery: the mixin reads messages in
      ``_message_post_after_hook``. List ``service.sla.mixin`` *before*
      ``mail.thread`` in ``_inherit`` of a new model. When extending an
      existing model that already has ``mail.thread`` (``_inherit =
      ["helpdesk.ticket", "service.sla.mixin"]``), the mixin comes after
      ``mail.thread`` in the method order, so override
      ``_message_post_after_hook`` there and call
      ``self._sla_message_posted(message)`` after ``super()`` (declare
      ``_name = "helpdesk.ticket"`` too: ``_inherit`` is a list).

    Stage changes are read in ``write`` and ``create``: entering a stage
    stamps the first response, the resolution, pauses or resumes the clock
    and reopens as the stage hooks say.
    """

    _name = "service.sla.mixin"
    _description = "Service Deadlines and Escalation"

    # Field names of the concrete model (see the class docstring).
    _sla_date_received_field = "date_received"
    _sla_stage_field = "stage_id"
    _sla_closed_field = "is_closed"

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
    reopen_count = fields.Integer(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Dates and deadlines (all naive UTC, deadlines in working hours)
    # ------------------------------------------------------------------
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
        string="Resolved", readonly=True, copy=False, index=True
    )
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
    # Hooks the concrete model fills
    # ------------------------------------------------------------------
    def _sla_standard_depends(self):
        """Field names the matched standard depends on (model method,
        called once at setup by ``@api.depends``). Override it: the mixin
        itself has none."""
        return []

    def _sla_standard_criteria(self):
        """What a standard is matched on, for one record: a dict with the
        keys ``service_type`` (``service.type``), ``tier``
        (``service.customer.tier``), ``channel`` (``service.channel``),
        ``company`` (``res.company``) and ``day`` (the received day, a date);
        each may be empty. See ``service.standard._find_best``."""
        raise NotImplementedError()

    def _sla_received_date(self):
        """When the case was received (naive UTC)."""
        self.ensure_one()
        return self[self._sla_date_received_field]

    def _sla_received_day(self):
        """The day the case was received, in the user's time zone: the day
        a standard must be in effect on."""
        self.ensure_one()
        return fields.Date.context_today(
            self, self._sla_received_date() or fields.Datetime.now()
        )

    def _sla_calendar(self):
        """The working calendar the deadlines are counted in: by default the
        standard's, else the company's. A model may return its team's."""
        self.ensure_one()
        return self.standard_id.calendar_id or self.company_id.resource_calendar_id

    def _sla_is_cancelled(self):
        """A cancelled case has no deadline status."""
        self.ensure_one()
        return False

    def _sla_stage_responds(self, stage):
        """Whether entering ``stage`` is the first response to the customer
        (when no message did it before)."""
        return False

    def _sla_stage_resolves(self, stage):
        """Whether entering ``stage`` delivers the result (stamps
        ``date_resolved``); leaving such a stage for an open, unresolved one
        reopens the case."""
        raise NotImplementedError()

    def _sla_stage_is_closed(self, stage):
        """Whether ``stage`` closes the case (closed or cancelled)."""
        raise NotImplementedError()

    def _sla_stage_pauses(self, stage):
        """Whether ``stage`` waits on the customer: the resolution clock
        stops while the case is in it."""
        raise NotImplementedError()

    def _sla_resume_stage(self):
        """The stage a case goes back to when the customer answers while
        it waits on them, or an empty recordset to stay."""
        return self[self._sla_stage_field].browse()

    def _sla_created_in_later_stage(self):
        """Whether a new record's stage is to be read as entered (e.g. a
        case logged directly as resolved); by default every record."""
        self.ensure_one()
        return True

    def _sla_is_counted_message(self, message):
        """Whether ``message`` is a conversation with the customer at all:
        a public comment or mail by someone else than OdooBot."""
        if message.message_type not in ("comment", "email") or (
            message.subtype_id and message.subtype_id.internal
        ):
            return False
        author = message.author_id
        return bool(author) and author != self.env.ref("base.partner_root")

    def _sla_is_staff_message(self, message):
        """Whether the author of ``message`` is staff (an internal user)."""
        return bool(
            message.author_id.sudo().user_ids.filtered(lambda user: not user.share)
        )

    def _sla_is_staff_reply(self, message):
        """A reply of the team: answers the customer (first response, next
        response). By default a public comment posted by an internal user."""
        return (
            self._sla_is_counted_message(message)
            and message.message_type == "comment"
            and self._sla_is_staff_message(message)
        )

    def _sla_is_customer_message(self, message):
        """A message of the customer: opens a next-response deadline and ends
        a wait on the customer. By default a comment or mail by anyone who is
        not an internal user."""
        return self._sla_is_counted_message(message) and not self._sla_is_staff_message(
            message
        )

    def _sla_responsible_user(self):
        """Who handles the case (warnings, escalation "responsible")."""
        self.ensure_one()
        return self.user_id

    def _sla_team_leader(self):
        """The leader of the case's team (escalation "team leader")."""
        self.ensure_one()
        return self.team_id.user_id

    def _sla_reference(self):
        """The case's reference in activity summaries."""
        self.ensure_one()
        return self.display_name

    def _sla_urgent_values(self):
        """Values written when an escalation level raises the priority."""
        return {"priority": "3"}

    def _sla_digest_subject(self, count):
        """Subject of the escalation digest listing ``count`` cases."""
        return _("%(count)s cases escalated to you", count=count)

    def _sla_digest_intro(self):
        return _("These cases breached their deadline and were escalated:")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(lambda self: self._sla_standard_depends())
    def _compute_standard_id(self):
        criteria = {record: record._sla_standard_criteria() for record in self}
        service_types = self.env["service.type"].union(
            *(values["service_type"] for values in criteria.values())
        )
        candidates = self.env["service.standard"].search(
            [("service_type_id", "in", service_types.ids)]
        )
        for record in self:
            record.standard_id = candidates._find_best(
                **criteria[record], candidates=candidates
            )

    @api.depends(lambda self: ["standard_id", self._sla_date_received_field])
    def _compute_response_deadline(self):
        for record in self:
            standard = record.standard_id
            start = record._sla_received_date()
            if not standard or not start:
                record.response_deadline = record.response_warning_date = False
                continue
            record.response_deadline = record._sla_plan(start, standard.response_hours)
            record.response_warning_date = record._sla_plan(
                start, standard.response_hours * standard.warning_percent / 100
            )

    @api.depends(
        lambda self: [
            "response_deadline",
            "response_warning_date",
            "date_first_response",
            self._sla_stage_field,
        ]
    )
    def _compute_response_status(self):
        now = fields.Datetime.now()
        for record in self:
            if record._sla_is_cancelled():
                record.response_status = False
                continue
            record.response_status = deadline_status(
                record.response_deadline,
                record.response_warning_date,
                record.date_first_response,
                now,
            )

    @api.depends(
        lambda self: [
            "date_first_response",
            "standard_id",
            self._sla_date_received_field,
        ]
    )
    def _compute_response_working_hours(self):
        for record in self:
            record.response_working_hours = record._working_hours_between(
                record._sla_received_date(), record.date_first_response
            )

    @api.depends(
        lambda self: [
            "standard_id",
            "resolution_paused",
            "resolution_hours_consumed",
            "resolution_resume_date",
            self._sla_date_received_field,
        ]
    )
    def _compute_resolution_deadline(self):
        for record in self:
            standard = record.standard_id
            received = record._sla_received_date()
            if not standard or not received or record.resolution_paused:
                record.resolution_deadline = False
                record.resolution_warning_date = False
                continue
            start = record.resolution_resume_date or received
            consumed = record.resolution_hours_consumed
            allowed = standard.resolution_hours
            record.resolution_deadline = record._sla_plan(start, allowed - consumed)
            record.resolution_warning_date = record._sla_plan(
                start, allowed * standard.warning_percent / 100 - consumed
            )

    @api.depends(
        lambda self: [
            "resolution_deadline",
            "resolution_warning_date",
            "date_resolved",
            "resolution_paused",
            "resolution_hours_consumed",
            self._sla_stage_field,
        ]
    )
    def _compute_resolution_status(self):
        now = fields.Datetime.now()
        for record in self:
            standard = record.standard_id
            if record._sla_is_cancelled():
                status = False
            elif record.resolution_paused and standard and not record.date_resolved:
                # The clock stands still: judge by the time used so far.
                used = record.resolution_hours_consumed
                if used > standard.resolution_hours:
                    status = "breached"
                elif used >= standard.resolution_hours * standard.warning_percent / 100:
                    status = "at_risk"
                else:
                    status = "on_time"
            else:
                status = deadline_status(
                    record.resolution_deadline,
                    record.resolution_warning_date,
                    record.date_resolved,
                    now,
                )
            record.resolution_status = status

    @api.depends(
        lambda self: [
            "date_resolved",
            "resolution_hours_consumed",
            "resolution_resume_date",
            "standard_id",
            self._sla_date_received_field,
        ]
    )
    def _compute_resolution_working_hours(self):
        for record in self:
            if not record.date_resolved:
                record.resolution_working_hours = 0.0
                continue
            running_since = record.resolution_resume_date or record._sla_received_date()
            record.resolution_working_hours = (
                record.resolution_hours_consumed
                + record._working_hours_between(running_since, record.date_resolved)
            )

    @api.depends(
        lambda self: [
            "next_response_deadline",
            "next_response_warning_date",
            self._sla_stage_field,
        ]
    )
    def _compute_next_response_status(self):
        now = fields.Datetime.now()
        for record in self:
            if record._sla_is_cancelled():
                record.next_response_status = False
                continue
            record.next_response_status = deadline_status(
                record.next_response_deadline,
                record.next_response_warning_date,
                False,
                now,
            )

    @api.depends("response_status", "resolution_status", "next_response_status")
    def _compute_deadline_status(self):
        for record in self:
            record.deadline_status = worst_status(
                record.response_status,
                record.resolution_status,
                record.next_response_status,
            )

    @api.depends(
        lambda self: [
            "response_deadline",
            "date_first_response",
            "resolution_deadline",
            "date_resolved",
            "next_response_deadline",
            self._sla_closed_field,
        ]
    )
    def _compute_next_deadline(self):
        for record in self:
            pending = []
            if not record[record._sla_closed_field]:
                if not record.date_first_response:
                    pending.append(record.response_deadline)
                if not record.date_resolved:
                    pending.append(record.resolution_deadline)
                pending.append(record.next_response_deadline)
            pending = [deadline for deadline in pending if deadline]
            record.next_deadline = min(pending) if pending else False

    @api.depends(
        "response_deadline",
        "date_first_response",
        "resolution_deadline",
        "date_resolved",
    )
    def _compute_breach_date(self):
        for record in self:
            breaches = []
            deadline = record.response_deadline
            done = record.date_first_response
            if deadline and (not done or done > deadline):
                breaches.append(deadline)
            deadline = record.resolution_deadline
            done = record.date_resolved
            if deadline and (not done or done > deadline):
                breaches.append(deadline)
            record.breach_date = min(breaches) if breaches else False

    @api.depends(
        lambda self: [
            "breach_date",
            "escalation_level",
            "date_resolved",
            "standard_id.escalation_rule_ids.level",
            "standard_id.escalation_rule_ids.hours_after_breach",
            self._sla_closed_field,
        ]
    )
    def _compute_escalation_next_date(self):
        for record in self:
            rule = record._next_escalation_rule()
            if (
                not rule
                or not record.breach_date
                or record.date_resolved
                or record[record._sla_closed_field]
            ):
                record.escalation_next_date = False
            else:
                record.escalation_next_date = record._escalation_date(rule)

    # ------------------------------------------------------------------
    # CRUD: stage changes
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        now = fields.Datetime.now()
        # A case logged directly in a later stage (e.g. a phone complaint solved
        # during the call) gets the dates that stage implies.
        stage_field = self._sla_stage_field
        no_stage = self.env[self._fields[stage_field].comodel_name]
        for record in records.filtered(lambda r: r._sla_created_in_later_stage()):
            values = record._sla_stage_change_values(no_stage, record[stage_field], now)
            if values:
                record.write(values)
        return records

    def write(self, vals):
        stage_field = self._sla_stage_field
        if stage_field not in vals:
            return super().write(vals)
        stage = self.env[self._fields[stage_field].comodel_name].browse(
            vals[stage_field]
        )
        now = fields.Datetime.now()
        for record in self:
            values = record._sla_stage_change_values(record[stage_field], stage, now)
            super(ServiceSlaMixin, record).write({**values, **vals})
        return True

    # ------------------------------------------------------------------
    # Working time, stage changes, reopening
    # ------------------------------------------------------------------
    def _sla_plan(self, start, hours):
        """The moment ``hours`` working hours after ``start`` (naive UTC), on
        the case's calendar."""
        self.ensure_one()
        return self.standard_id._plan(start, hours, calendar=self._sla_calendar())

    def _working_hours_between(self, start, end):
        self.ensure_one()
        calendar = self._sla_calendar()
        if not calendar or not start or not end or end <= start:
            return 0.0
        return calendar.get_work_hours_count(start, end, compute_leaves=True)

    def _sla_stage_change_values(self, old_stage, stage, now):
        """Deadline values that entering ``stage`` from ``old_stage`` records:
        first response, resolution, reopening, pause and resume."""
        self.ensure_one()
        if stage == old_stage:
            return {}
        values = {}
        if self._sla_stage_responds(stage) and not self.date_first_response:
            values["date_first_response"] = now
        if (
            self.date_resolved
            and not self._sla_stage_resolves(stage)
            and not self._sla_stage_is_closed(stage)
        ):
            values.update(self._sla_reopen_values(now))
        elif (
            self._sla_stage_resolves(stage)
            and not (old_stage and self._sla_stage_resolves(old_stage))
            and not self.date_resolved
        ):
            values["date_resolved"] = now
        resolved = values.get("date_resolved", self.date_resolved)
        pause = self._sla_stage_pauses(stage) and not resolved
        if pause and not self.resolution_paused:
            running_since = self.resolution_resume_date or self._sla_received_date()
            values["resolution_hours_consumed"] = values.get(
                "resolution_hours_consumed", self.resolution_hours_consumed
            ) + self._working_hours_between(running_since, now)
            values["resolution_paused"] = True
        elif not pause and self.resolution_paused:
            values["resolution_paused"] = False
            values["resolution_resume_date"] = now
        return values

    def _sla_reopen_values(self, now):
        """Reopening after the result was delivered restarts the clock or
        continues it, as the standard's reopen policy says."""
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
        }

    # ------------------------------------------------------------------
    # Messages: first response, customer messages, next response
    # ------------------------------------------------------------------
    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        self._sla_message_posted(message)
        return result

    def _sla_message_posted(self, message):
        """Record ``message`` as a staff reply or a customer message."""
        if self._sla_is_staff_reply(message):
            for record in self.sudo():
                record._register_staff_reply(message.date)
        elif self._sla_is_customer_message(message):
            for record in self.sudo():
                record._register_customer_message(message.date)

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

    def _register_customer_message(self, date):
        self.ensure_one()
        values = {"date_last_customer_message": date}
        standard = self.standard_id
        if (
            self.date_first_response
            and not self.next_response_deadline
            and not self[self._sla_closed_field]
            and standard
        ):
            hours = standard.next_response_hours
            values["next_response_deadline"] = self._sla_plan(date, hours)
            values["next_response_warning_date"] = self._sla_plan(
                date, hours * standard.warning_percent / 100
            )
        if self._sla_stage_pauses(self[self._sla_stage_field]):
            # The customer answered: the case is no longer waiting on them.
            stage = self._sla_resume_stage()
            if stage:
                values[self._sla_stage_field] = stage.id
        self.write(values)

    # ------------------------------------------------------------------
    # Scheduled check: statuses, warnings, escalation
    # ------------------------------------------------------------------
    def init(self):
        super().init()
        if self._abstract:
            return
        # Partial indexes for the scheduled check, which only looks at open cases.
        closed = self._sla_closed_field
        for column in ("response_warning_date", "resolution_warning_date"):
            create_index(
                self.env.cr,
                f"{self._table}_open_{column}_idx",
                self._table,
                [column],
                where=f"active AND {closed} IS NOT TRUE",
            )
        create_index(
            self.env.cr,
            f"{self._table}_open_next_response_idx",
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
        domain = [
            ("escalation_next_date", "<=", now),
            (self._sla_closed_field, "=", False),
        ]
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
        table = SQL.identifier(self._table)
        changed, at_risk = set(), set()
        for deadline, warning, done, status in DEADLINES.values():
            conditions = [
                SQL("active"),
                SQL("%s IS NOT TRUE", SQL.identifier(self._sla_closed_field)),
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
                    "UPDATE %(table)s SET %(status)s = CASE WHEN %(deadline)s"
                    " < %(now)s THEN 'breached' ELSE 'at_risk' END WHERE %(where)s"
                    " RETURNING id, %(status)s",
                    table=table,
                    status=SQL.identifier(status),
                    deadline=SQL.identifier(deadline),
                    now=now,
                    where=SQL(" AND ").join(conditions),
                )
            )
            for record_id, new_status in self.env.cr.fetchall():
                changed.add(record_id)
                if new_status == "at_risk" and status != "next_response_status":
                    at_risk.add(record_id)
        if changed:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE %s SET deadline_status = CASE
                        WHEN 'breached' IN (response_status, resolution_status,
                                            next_response_status) THEN 'breached'
                        WHEN 'at_risk' IN (response_status, resolution_status,
                                           next_response_status) THEN 'at_risk'
                        ELSE 'on_time' END
                    WHERE id = ANY(%s)
                    """,
                    table,
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
        for record in self:
            user = record._sla_responsible_user() or record._sla_team_leader()
            if user:
                # in the assignee's language, not the cron user's
                record = record.with_context(lang=user.lang)
                vals_list.append(
                    record._activity_values(
                        activity_type,
                        user,
                        record.env._(
                            "Deadline at risk: %(deadline)s",
                            deadline=record._format_deadline(record.next_deadline),
                        ),
                    )
                )
        self._create_activities(vals_list)

    def _escalate(self):
        """Raise each case to the highest escalation level due, once.

        A case overdue for several levels reaches all of them in one run:
        each level reached gets its activities, its chatter note and its line
        in the digests, and no level is ever done twice (the level written
        is the highest one reached).

        Work per batch, not per case: one grouped insert of the activities
        (their assignees see them at once), one batch of chatter logs per
        level, one digest notification per person notified, one write per
        level.
        """
        activity_type = self.env.ref("service_quality.mail_activity_type_escalation")
        now = fields.Datetime.now()
        activities, bodies = [], defaultdict(dict)
        by_level = defaultdict(lambda: self.browse())
        digests = defaultdict(list)
        for record in self:
            reached = record._escalation_rules_due(now)
            for rank, rule in enumerate(reached):
                users = rule._get_recipients(record)
                for user in users:
                    # each activity in its assignee's language
                    reader = record.with_context(lang=user.lang)
                    summary = reader.env._(
                        "Escalation level %(level)s: %(complaint)s",
                        level=rule.level,
                        complaint=reader._sla_reference(),
                    )
                    note = rule.with_context(lang=user.lang).note
                    activities.append(
                        record._activity_values(activity_type, user, summary, note)
                    )
                    digests[user].append((record, rule))
                # the chatter is the team's: in the company's language
                team = record.with_context(
                    lang=record.company_id._service_chatter_lang()
                )
                bodies[rank][record.id] = Markup("<p>%s</p>") % team.env._(
                    "Escalated to level %(level)s: the deadline was breached on "
                    "%(breach)s. Notified: %(users)s.",
                    level=rule.level,
                    breach=team._format_deadline(record.breach_date),
                    users=", ".join(users.mapped("name")) or team.env._("nobody"),
                )
            if reached:
                urgent = any(reached.mapped("raise_priority"))
                by_level[(reached[-1].level, urgent)] |= record
        self._create_activities(activities)
        for rank in sorted(bodies):
            self.browse(list(bodies[rank]))._message_log_batch(bodies=bodies[rank])
        for (level, urgent), records in by_level.items():
            values = {"escalation_level": level}
            if urgent:
                values.update(self._sla_urgent_values())
            records.write(values)
        for user, items in digests.items():
            self._notify_escalation_digest(user, items)

    def _next_escalation_rule(self):
        self.ensure_one()
        rules = self.standard_id.escalation_rule_ids.filtered(
            lambda rule: rule.level > self.escalation_level
        )
        return rules.sorted("level")[:1]

    def _escalation_rules_due(self, now):
        """The escalation rules above the case's level that are due at
        ``now``, lowest level first."""
        self.ensure_one()
        rules = self.standard_id.escalation_rule_ids.filtered(
            lambda rule: rule.level > self.escalation_level
        ).sorted("level")
        due = rules.browse()
        for rule in rules:
            if not self.breach_date:
                break
            # Working hours never pass faster than the clock: a level whose
            # hours have not even elapsed since the breach is not due, and
            # the calendar need not be asked (the usual case, cheaply).
            # (Less a second: _plan rounds to the second.)
            earliest = self.breach_date + timedelta(
                hours=rule.hours_after_breach, seconds=-1
            )
            if earliest > now or self._escalation_date(rule) > now:
                break
            due |= rule
        return due

    def _escalation_date(self, rule):
        """When ``rule`` fires for this case: its working hours after the
        breach, on the case's calendar."""
        self.ensure_one()
        if not rule.hours_after_breach:
            return self.breach_date
        return self._sla_plan(self.breach_date, rule.hours_after_breach)

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
        reader = self.with_context(lang=user.lang)
        lines = Markup("").join(
            Markup('<li><a href="/odoo/%s/%s">%s</a> — %s</li>')
            % (
                record._name,
                record.id,
                record.display_name,
                reader.env._("level %(level)s", level=rule.level),
            )
            for record, rule in items
        )
        reader.env["mail.thread"].sudo().message_notify(
            partner_ids=user.partner_id.ids,
            subject=reader._sla_digest_subject(len(items)),
            body=Markup("<p>%s</p><ul>%s</ul>") % (reader._sla_digest_intro(), lines),
        )

    def _format_deadline(self, value):
        """A datetime in the time zone of the case's calendar (else the
        user's, else UTC)."""
        self.ensure_one()
        return tools.format_datetime(
            self.env, value, tz=self._sla_calendar().tz, dt_format="yyyy-MM-dd HH:mm"
        )
