# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

PROMISE_STATES = [
    ("open", "Open"),
    ("kept", "Kept"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]
MANAGER_GROUP = "service_quality.group_service_manager"


class ServicePromise(models.Model):
    """Something promised to a customer (承诺): what, to whom, by when, by whom."""

    _name = "service.promise"
    _description = "Promise to a Customer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"
    _check_company_auto = True

    name = fields.Char(
        string="Promise", required=True, tracking=True, help="What was promised."
    )
    description = fields.Html()
    # Company, customer, owner and team come from the complaint when there
    # is one (else the user's company, team and themselves), and stay
    # editable. No defaults: a default would win over the complaint's value.
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_from_complaint",
        store=True,
        readonly=False,
        precompute=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Promised To",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        compute="_compute_from_complaint",
        store=True,
        readonly=False,
        precompute=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer",
        store=True,
        index=True,
    )
    tier_id = fields.Many2one(
        related="commercial_partner_id.service_tier_id",
        string="Customer Tier",
        store=True,
        index=True,
    )
    complaint_id = fields.Many2one(
        "service.complaint",
        string="Complaint",
        index=True,
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        index=True,
        tracking=True,
        check_company=True,
        domain=[("share", "=", False)],
        compute="_compute_from_complaint",
        store=True,
        readonly=False,
        precompute=True,
        help="Who keeps the promise; the scheduled check reminds them when it is "
        "due.",
    )
    team_id = fields.Many2one(
        "service.team",
        string="Team",
        index=True,
        tracking=True,
        check_company=True,
        compute="_compute_from_complaint",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_promised = fields.Datetime(
        string="Promised On", required=True, default=fields.Datetime.now
    )
    date_due = fields.Date(string="Due", required=True, index=True, tracking=True)
    bottom_line = fields.Text(
        compute="_compute_bottom_line",
        store=True,
        readonly=False,
        precompute=True,
        help="What may not be promised: the company's bottom line, or this "
        "promise's own.",
    )
    state = fields.Selection(
        PROMISE_STATES,
        string="Status",
        required=True,
        default="open",
        index=True,
        tracking=True,
        copy=False,
    )
    date_done = fields.Date(
        string="Done On",
        index=True,
        tracking=True,
        copy=False,
        help="When the promise was kept or broken.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Still open after its due date.",
    )
    due_activity_scheduled = fields.Boolean(
        readonly=True,
        copy=False,
        help="The owner got the activity of the due promise; the scheduled check "
        "does not create a second one.",
    )
    color = fields.Integer()

    @api.depends("complaint_id")
    def _compute_from_complaint(self):
        user = self.env.user
        for promise in self:
            complaint = promise.complaint_id
            promise.company_id = (
                complaint.company_id or promise.company_id or self.env.company
            )
            promise.partner_id = complaint.partner_id or promise.partner_id
            promise.team_id = (
                complaint.team_id or promise.team_id or user._service_default_team()
            )
            promise.user_id = complaint.user_id or promise.user_id or user

    @api.depends("company_id")
    def _compute_bottom_line(self):
        # The company's bottom line, unless the promise has its own.
        for promise in self:
            promise.bottom_line = (
                promise.bottom_line or promise.company_id.service_promise_bottom_line
            )

    @api.depends("state", "date_due")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for promise in self:
            promise.is_overdue = bool(
                promise.state == "open"
                and promise.date_due
                and promise.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on the overdue flag."))
        overdue = [
            ("state", "=", "open"),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == bool(value):
            return overdue
        return ["!", "&", *overdue]

    @api.constrains("date_due", "date_promised")
    def _check_date_due(self):
        for promise in self:
            if not promise.date_due or not promise.date_promised:
                continue
            promised_day = fields.Datetime.context_timestamp(
                promise, promise.date_promised
            ).date()
            if promise.date_due < promised_day:
                raise ValidationError(
                    self.env._(
                        "The promise “%(promise)s” cannot be due before the day it "
                        "was made.",
                        promise=promise.name,
                    )
                )

    @api.constrains("state", "date_done")
    def _check_date_done(self):
        for promise in self:
            if promise.state in ("kept", "broken") and not promise.date_done:
                raise ValidationError(
                    self.env._(
                        "Say when the promise “%(promise)s” was kept or broken.",
                        promise=promise.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_open(self):
        for promise in self:
            if promise.state != "open":
                raise UserError(
                    self.env._(
                        "The promise “%(promise)s” is no longer open.",
                        promise=promise.name,
                    )
                )

    def _close(self, state, feedback):
        self._check_open()
        self.write({"state": state, "date_done": fields.Date.context_today(self)})
        self._due_activities().action_feedback(feedback=feedback)
        return True

    def action_mark_kept(self):
        return self._close("kept", self.env._("Promise kept."))

    def action_mark_broken(self):
        return self._close("broken", self.env._("Promise broken."))

    def action_cancel(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only service quality managers cancel promises.")
            )
        self._check_open()
        self.write({"state": "cancelled"})
        self._due_activities().unlink()
        return True

    def action_reopen(self):
        for promise in self:
            if promise.state == "open":
                raise UserError(
                    self.env._(
                        "The promise “%(promise)s” is already open.",
                        promise=promise.name,
                    )
                )
        self.write(
            {"state": "open", "date_done": False, "due_activity_scheduled": False}
        )
        return True

    def _due_activities(self):
        activity_type = self.env.ref(
            "service_quality.mail_activity_type_promise_due", raise_if_not_found=False
        )
        return self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )

    # ------------------------------------------------------------------
    # Scheduled check
    # ------------------------------------------------------------------
    @api.model
    def _due_activity_domain(self, today):
        return [
            ("state", "=", "open"),
            ("date_due", "<=", today),
            ("due_activity_scheduled", "=", False),
            "|",
            ("user_id", "!=", False),
            ("team_id.user_id", "!=", False),
        ]

    @api.model
    def _cron_schedule_due_activities(self, batch_size=500):
        """One activity for the owner of each promise due today or overdue.

        Each promise gets its activity once: the flag set here keeps a second
        run (or a run the next day) from creating another. A bounded batch is
        handled per run; the scheduler is told how many remain.
        """
        today = fields.Date.context_today(self)
        domain = self._due_activity_domain(today)
        due = self.search(domain, order="date_due, id", limit=batch_size)
        activity_type = self.env.ref("service_quality.mail_activity_type_promise_due")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for promise in due:
            user = promise.user_id or promise.team_id.user_id
            # in the owner's language, not the cron user's
            reader_env = self.with_context(lang=user.lang).env
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": promise.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": promise.date_due,
                    "automated": True,
                    "summary": reader_env._(
                        "Promise due: %(promise)s", promise=promise.name
                    ),
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)
        due.write({"due_activity_scheduled": True})
        remaining = self.search_count(domain) if len(due) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
        return due
