# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .mail_thread import AUTO_GENERATED_HEADERS

RECURRENCES = [("once", "Once"), ("repeat", "Repeat")]
INTERVAL_UNITS = [
    ("days", "Days"),
    ("weeks", "Weeks"),
    ("months", "Months"),
    ("years", "Years"),
]
MODES = [("mail", "Send an Email"), ("activity", "Schedule an Activity")]


class ServiceReminder(models.Model):
    """A follow-up note to customers (提醒便条): "maintenance due", "we have not
    heard from you"... sent by mail or given to staff as an activity, once or
    on a schedule, to one customer or to every customer of a tier."""

    _name = "service.reminder"
    _description = "Customer Reminder"
    _inherit = ["mail.thread"]
    _order = "next_date, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        tracking=True,
        check_company=True,
        help="Remind this customer only.",
    )
    tier_id = fields.Many2one(
        "service.customer.tier",
        string="Customer Tier",
        index=True,
        tracking=True,
        help="Remind every customer of this tier.",
    )
    mode = fields.Selection(
        MODES, required=True, default="mail", tracking=True, string="Send As"
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain=[("model", "=", "res.partner")],
        help="Written in the customer's language when translated.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity Type",
        domain=[("res_model", "in", (False, "res.partner"))],
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        check_company=True,
        domain=[("share", "=", False)],
        default=lambda self: self.env.user,
        help="Gets the activities when the reminder schedules activities.",
    )
    note = fields.Html(help="Instructions given with the activity.")
    recurrence = fields.Selection(
        RECURRENCES, required=True, default="once", tracking=True
    )
    interval_number = fields.Integer(string="Every", default=1)
    interval_unit = fields.Selection(INTERVAL_UNITS, default="months")
    date_start = fields.Date(
        string="First Date",
        required=True,
        default=fields.Date.context_today,
        help="The first reminder; monthly and yearly reminders keep its day of "
        "the month (the 31st falls on the last day of shorter months).",
    )
    next_date = fields.Date(
        compute="_compute_next_date",
        store=True,
        readonly=False,
        index=True,
        copy=False,
        tracking=True,
    )
    last_date = fields.Date(readonly=True, copy=False)
    log_ids = fields.One2many("service.reminder.log", "reminder_id", string="Log")
    log_count = fields.Integer(compute="_compute_log_count")
    failed_log_count = fields.Integer(compute="_compute_log_count")

    _sql_constraints = [
        (
            "interval_number_positive",
            "CHECK(interval_number > 0)",
            "A reminder repeats at least every 1 day, week, month or year.",
        ),
    ]

    @api.depends("date_start")
    def _compute_next_date(self):
        for reminder in self:
            if not reminder.last_date:
                reminder.next_date = reminder.date_start

    def _compute_log_count(self):
        groups = self.env["service.reminder.log"]._read_group(
            [("reminder_id", "in", self.ids)],
            groupby=["reminder_id", "state"],
            aggregates=["__count"],
        )
        counts, failed = {}, {}
        for reminder, state, count in groups:
            counts[reminder] = counts.get(reminder, 0) + count
            if state == "failed":
                failed[reminder] = count
        for reminder in self:
            reminder.log_count = counts.get(reminder, 0)
            reminder.failed_log_count = failed.get(reminder, 0)

    @api.constrains("partner_id", "tier_id")
    def _check_target(self):
        for reminder in self:
            if bool(reminder.partner_id) == bool(reminder.tier_id):
                raise ValidationError(
                    self.env._(
                        "The reminder “%(reminder)s” goes either to one customer or "
                        "to a customer tier.",
                        reminder=reminder.name,
                    )
                )

    @api.constrains("mode", "mail_template_id", "activity_type_id", "user_id")
    def _check_mode(self):
        for reminder in self:
            if reminder.mode == "mail" and not reminder.mail_template_id:
                raise ValidationError(
                    self.env._(
                        "Choose the email template of the reminder “%(reminder)s”.",
                        reminder=reminder.name,
                    )
                )
            if reminder.mode == "activity" and not (
                reminder.activity_type_id and reminder.user_id
            ):
                raise ValidationError(
                    self.env._(
                        "Choose the activity type and the responsible of the "
                        "reminder “%(reminder)s”.",
                        reminder=reminder.name,
                    )
                )

    @api.constrains("recurrence", "interval_unit")
    def _check_recurrence(self):
        for reminder in self:
            if reminder.recurrence == "repeat" and not reminder.interval_unit:
                raise ValidationError(
                    self.env._(
                        "Say how often the reminder “%(reminder)s” repeats.",
                        reminder=reminder.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_send_now(self):
        """Send to every target now; the schedule is left as it is, except that
        a one-off reminder is done."""
        if not self.env.user.has_group("service_quality.group_service_user"):
            raise AccessError(self.env._("Only service staff send reminders."))
        today = fields.Date.context_today(self)
        for reminder in self:
            reminder._send_to(reminder._get_target_partners(), today, "manual")
            if reminder.recurrence == "once":
                reminder.write({"active": False, "next_date": False})
        return self.action_view_logs() if len(self) == 1 else True

    def action_view_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_reminder_log_action"
        )
        action["domain"] = [("reminder_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_target_partners(self):
        """The customer, or every customer company (commercial entity) of the
        tier in the reminder's company."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id
        return self.env["res.partner"].search(
            [
                ("service_tier_id", "=", self.tier_id.id),
                ("parent_id", "=", False),
                ("company_id", "in", (False, self.company_id.id)),
            ],
            order="id",
        )

    def _add_interval(self, day):
        """``day`` moved by one period; months and years keep the day of the
        month of the first date, clamped to the month's end."""
        self.ensure_one()
        number = self.interval_number
        if self.interval_unit == "days":
            return day + relativedelta(days=number)
        if self.interval_unit == "weeks":
            return day + relativedelta(weeks=number)
        anchor = (self.date_start or day).day
        if self.interval_unit == "months":
            return day + relativedelta(months=number, day=anchor)
        return day + relativedelta(years=number, day=anchor)

    def _advance(self, today):
        """Move to the first occurrence after ``today``, or end a one-off."""
        self.ensure_one()
        if self.recurrence == "once":
            self.write({"active": False, "next_date": False})
            return
        next_date = self.next_date
        while next_date <= today:
            next_date = self._add_interval(next_date)
        self.next_date = next_date

    def _send_to(self, partners, occurrence, trigger):
        """Mail or activity for each partner, one log line each. A failure on
        one customer is logged and does not stop the others."""
        self.ensure_one()
        now = fields.Datetime.now()
        log_values = []
        for partner in partners:
            values = {
                "reminder_id": self.id,
                "partner_id": partner.id,
                "occurrence_date": occurrence,
                "date": now,
                "mode": self.mode,
                "trigger": trigger,
                "state": "sent",
            }
            try:
                with self.env.cr.savepoint():
                    values.update(self._send_one(partner))
            except (UserError, ValidationError, AccessError, ValueError) as error:
                values.update(state="failed", error=str(error))
            log_values.append(values)
        self.sudo().last_date = fields.Date.context_today(self)
        return self.env["service.reminder.log"].sudo().create(log_values)

    def _send_one(self, partner):
        self.ensure_one()
        if self.mode == "mail":
            if not partner.email:
                raise UserError(
                    self.env._(
                        "%(partner)s has no email address.", partner=partner.name
                    )
                )
            mail_id = self.mail_template_id.send_mail(
                partner.id, email_values={"headers": repr(AUTO_GENERATED_HEADERS)}
            )
            mail = self.env["mail.mail"].sudo().browse(mail_id)
            return {"mail_message_id": mail.mail_message_id.id}
        activity = partner.sudo().activity_schedule(
            activity_type_id=self.activity_type_id.id,
            user_id=self.user_id.id,
            summary=self.name,
            note=self.note,
            date_deadline=fields.Date.context_today(self),
        )
        return {"activity_id": activity.id}

    def _send_occurrence(self, limit):
        """Send the due occurrence to at most ``limit`` customers not yet
        reminded of it; return (how many were sent, whether all were)."""
        self.ensure_one()
        done = (
            self.env["service.reminder.log"]
            .search(
                [
                    ("reminder_id", "=", self.id),
                    ("occurrence_date", "=", self.next_date),
                    ("trigger", "=", "scheduled"),
                ]
            )
            .partner_id
        )
        todo = self._get_target_partners() - done
        batch = todo[:limit]
        if batch:
            self._send_to(batch, self.next_date, "scheduled")
        return len(batch), len(batch) == len(todo)

    @api.model
    def _cron_send_due(self, batch_size=200):
        """Send the reminders due today or before, ``batch_size`` customers per
        run at most.

        Each customer gets each occurrence once: the log lines of an occurrence
        tell who already got it, and the next date moves past today once every
        customer did, so running twice the same day sends nothing twice.
        """
        today = fields.Date.context_today(self)
        domain = [("next_date", "<=", today)]
        budget = batch_size
        for reminder in self.search(domain, order="next_date, id"):
            if budget <= 0:
                break
            sent, finished = reminder._send_occurrence(budget)
            budget -= sent
            if finished:
                reminder._advance(today)
        remaining = self.search_count(domain) if budget <= 0 else 0
        self.env["ir.cron"]._notify_progress(
            done=batch_size - budget, remaining=remaining
        )
        return batch_size - budget
