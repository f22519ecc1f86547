# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models


class HelpdeskTicket(models.Model):
    """Service standard, deadlines, escalation and satisfaction survey of a
    ticket, from ``service.sla.mixin``.

    The mixin's fields (``response_deadline``, ``resolution_deadline``,
    ``next_deadline``, ``deadline_status``...) do not collide with those of
    Helpdesk SLA (``sla_deadline``, ``sla_expired``, ``sla_ids``...): both can
    be installed, each computes its own deadlines. The fields this bridge adds
    itself are prefixed ``service_``.
    """

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "service.sla.mixin"]

    _sla_date_received_field = "service_date_received"
    _sla_stage_field = "stage_id"
    _sla_closed_field = "service_is_closed"

    service_date_received = fields.Datetime(
        string="Received",
        copy=False,
        index=True,
        help="When the ticket reached us: the deadlines count from here.",
    )
    service_is_closed = fields.Boolean(
        related="stage_id.closed", store=True, index=True, string="Is Closed"
    )
    service_type_id = fields.Many2one(
        "service.type",
        string="Service Type",
        compute="_compute_service_type_id",
        store=True,
        readonly=False,
        index=True,
        help="From the ticket's category; it selects the service standard.",
    )
    service_tier_id = fields.Many2one(
        "service.customer.tier",
        string="Customer Tier",
        compute="_compute_service_tier_id",
        store=True,
        readonly=False,
        index=True,
        help="Tier of the customer when the ticket was received.",
    )
    service_team_id = fields.Many2one(
        related="team_id.service_team_id", store=True, index=True
    )
    service_survey_count = fields.Integer(
        compute="_compute_service_survey_count", string="Surveys"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("category_id.service_type_id")
    def _compute_service_type_id(self):
        for ticket in self:
            service_type = ticket.category_id.service_type_id
            if service_type or not ticket.service_type_id:
                ticket.service_type_id = service_type

    @api.depends("partner_id.commercial_partner_id.service_tier_id")
    def _compute_service_tier_id(self):
        for ticket in self:
            tier = ticket.partner_id.commercial_partner_id.service_tier_id
            if tier or not ticket.service_tier_id:
                ticket.service_tier_id = tier

    def _compute_service_survey_count(self):
        counts = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("service_ticket_id", "in", self.ids)],
                groupby=["service_ticket_id"],
                aggregates=["__count"],
            )
        )
        for ticket in self:
            ticket.service_survey_count = counts.get(ticket, 0)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # Set here rather than as a field default: a default would also date
        # the tickets existing at the install (see hooks.py).
        now = fields.Datetime.now()
        for vals in vals_list:
            if not vals.get("service_date_received"):
                vals["service_date_received"] = now
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Hooks of service.sla.mixin: what deadlines read on a ticket
    # ------------------------------------------------------------------
    @api.model
    def _sla_standard_depends(self):
        return [
            "service_type_id",
            "service_tier_id",
            "company_id",
            "service_date_received",
        ]

    def _sla_standard_criteria(self):
        self.ensure_one()
        return {
            "service_type": self.service_type_id,
            "tier": self.service_tier_id,
            # Helpdesk channels are not service channels: standards for
            # every channel apply.
            "channel": self.env["service.channel"],
            "company": self.company_id,
            "day": self._sla_received_day(),
        }

    def _sla_calendar(self):
        """The team's working hours, else the standard's, else the company's."""
        self.ensure_one()
        return self.team_id.resource_calendar_id or super()._sla_calendar()

    def _sla_is_cancelled(self):
        self.ensure_one()
        return self.stage_id.service_cancelled

    def _sla_stage_resolves(self, stage):
        return stage.closed and not stage.service_cancelled

    def _sla_stage_is_closed(self, stage):
        return stage.closed

    def _sla_stage_pauses(self, stage):
        return stage.service_waiting_customer

    def _sla_resume_stage(self):
        """The first open stage of the team in which the clock runs."""
        self.ensure_one()
        return self.team_id._get_applicable_stages().filtered(
            lambda stage: not stage.closed
            and not stage.service_waiting_customer
            and not stage.unattended
        )[:1]

    def _sla_reference(self):
        self.ensure_one()
        return self.number

    def _sla_digest_subject(self, count):
        return _("%(count)s tickets escalated to you", count=count)

    def _sla_digest_intro(self):
        return _("These tickets breached their deadline and were escalated:")

    # The mixin comes after mail.thread in this model's method order: read
    # the messages here (see service.sla.mixin).
    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        self._sla_message_posted(message)
        return result

    # ------------------------------------------------------------------
    # Satisfaction survey on closing
    # ------------------------------------------------------------------
    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        old_stages = {ticket: ticket.stage_id for ticket in self}
        res = super().write(vals)
        self.filtered(
            lambda t: t.stage_id.service_survey_id and t.stage_id != old_stages[t]
        )._service_send_satisfaction_survey()
        return res

    def _service_sends_survey(self):
        """Whether our survey, rather than the helpdesk rating mail, is what
        the customers of this ticket's company receive."""
        self.ensure_one()
        return self.company_id.service_helpdesk_survey != "rating"

    def _service_send_satisfaction_survey(self):
        """Invite the customer to the stage's satisfaction survey, once per
        ticket and survey, with the survey's own invitation mail."""
        sent = {
            (user_input.service_ticket_id, user_input.survey_id)
            for user_input in self.env["survey.user_input"]
            .sudo()
            .search([("service_ticket_id", "in", self.ids)])
        }
        for ticket in self:
            survey = ticket.stage_id.service_survey_id.sudo()
            if (
                not ticket._service_sends_survey()
                or not ticket.partner_id
                or not survey.active
                or (ticket, survey) in sent
            ):
                continue
            user_input = survey._create_answer(
                partner=ticket.partner_id,
                check_attempts=False,
                service_ticket_id=ticket.id,
                service_team_id=ticket.team_id.service_team_id.id,
                service_agent_id=ticket.user_id.id,
                service_company_id=ticket.company_id.id,
            )
            user_input._service_send_invitation()
            ticket.sudo().message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "Satisfaction survey %(survey)s sent to %(customer)s.",
                    survey=survey.title,
                    customer=ticket.partner_id.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def rating_send_request(self, template, lang=False, force_send=True):
        """With Helpdesk Rating installed, its rating mail is not sent when
        our survey is (one customer, one survey)."""
        tickets = self.filtered(lambda t: not t._service_sends_survey())
        if not tickets:
            return None
        return super(HelpdeskTicket, tickets).rating_send_request(
            template, lang=lang, force_send=force_send
        )

    def action_view_service_surveys(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "survey_extension.survey_user_input_action_service"
        )
        action["domain"] = [("service_ticket_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _service_create_demo_tickets(self):
        """Link Helpdesk's demo categories and teams to the service demo, and
        open tickets in the states a supervisor looks for."""
        ref = self.env.ref

        def demo(xmlid):
            return ref(xmlid, raise_if_not_found=False)

        repair = demo("service_quality.service_type_repair")
        if not repair:
            return
        category = demo("helpdesk_mgmt.helpdesk_category_1") or self.env[
            "helpdesk.ticket.category"
        ].create({"name": "Repair"})
        category.service_type_id = repair
        consultation = demo("helpdesk_mgmt.helpdesk_category_2")
        if consultation:
            consultation.service_type_id = demo(
                "service_quality.service_type_consultation"
            )
        team = demo("helpdesk_mgmt.helpdesk_team_1") or self.env[
            "helpdesk.ticket.team"
        ].create({"name": "Support"})
        team.service_team_id = demo("service_quality.team_after_sales")
        partner = demo("service_quality.partner_meijia_zhao") or ref(
            "base.res_partner_12"
        )
        now = fields.Datetime.now()
        stages = {
            "progress": ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
            "awaiting": ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting"),
        }
        values = {
            "partner_id": partner.id,
            "category_id": category.id,
            "team_id": team.id,
            "user_id": ref("base.user_admin").id,
        }
        breached = self.create(
            {
                **values,
                "name": "打印机维修后仍然卡纸",
                "description": "<p>Still jams after the repair.</p>",
                "service_date_received": now - timedelta(days=6),
            }
        )
        paused = self.create(
            {
                **values,
                "name": "Waiting for the serial number",
                "description": "<p>We asked the customer for a photo of the plate.</p>",
                "service_date_received": now - timedelta(days=1),
            }
        )
        paused.write(
            {
                "stage_id": stages["progress"].id,
                "date_first_response": paused.service_date_received
                + timedelta(minutes=30),
            }
        )
        paused.message_post(
            body=_("Could you send us a photo of the serial number plate?"),
            author_id=ref("base.user_admin").partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        paused.write({"stage_id": stages["awaiting"].id})
        answered = self.create(
            {
                **values,
                "name": "安装预约改期",
                "description": "<p>Please move the installation to Friday.</p>",
            }
        )
        answered.message_post(
            body=_("Moved to Friday 10:00, see you then."),
            author_id=ref("base.user_admin").partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        (breached | paused | answered).flush_recordset()
        self._cron_check_deadlines()
