# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

FORM_STATES = [
    ("draft", "Draft"),
    ("expectation_sent", "Expectation Sent"),
    ("expectation_done", "Expectation Filled"),
    ("perception_sent", "Perception Sent"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class ServiceExpectationForm(models.Model):
    """A customer expectation form (客户期望表) filled before delivery and its
    perception survey after it: the gap per quality dimension shows where the
    service falls short before the customer complains."""

    _name = "service.expectation.form"
    _description = "Customer Expectation Form"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
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
    res_ref = fields.Reference(
        selection="_selection_res_ref",
        string="Business Document",
        help="The order, project or contract the expectations are about.",
    )
    complaint_id = fields.Many2one(
        "service.complaint", index=True, check_company=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account Owner",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Who follows this customer and receives the expectation gap alert: "
        "the customer's salesperson, else whoever created the form.",
    )
    team_id = fields.Many2one(
        "service.team", index=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    expectation_survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        domain=[("service_kind", "=", "expectation")],
        default=lambda self: self.env.ref(
            "survey_extension.survey_expectation", raise_if_not_found=False
        ),
    )
    perception_survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        domain=[("service_kind", "=", "perception")],
        default=lambda self: self.env.ref(
            "survey_extension.survey_perception", raise_if_not_found=False
        ),
    )
    expectation_input_id = fields.Many2one(
        "survey.user_input", readonly=True, copy=False, index=True
    )
    perception_input_id = fields.Many2one(
        "survey.user_input", readonly=True, copy=False, index=True
    )
    state = fields.Selection(
        FORM_STATES, default="draft", required=True, tracking=True, index=True
    )
    date_expectation = fields.Datetime(readonly=True, copy=False)
    date_perception = fields.Datetime(readonly=True, copy=False)
    expectation_note = fields.Text(
        string="What Must Go Right",
        readonly=True,
        copy=False,
        help="The customer's own words in the expectation form.",
    )
    gap_ids = fields.One2many(
        "service.expectation.gap", "form_id", string="Gaps", readonly=True
    )
    weighted_score = fields.Float(
        string="Weighted Gap",
        readonly=True,
        digits=(16, 2),
        help="Sum over the dimensions of weight × (perception − expectation).",
    )
    gap_alert_done = fields.Boolean(readonly=True, copy=False)

    def _selection_res_ref(self):
        return self.env["service.complaint"]._selection_res_ref()

    @api.depends("partner_id")
    def _compute_user_id(self):
        # One rule for the onchange and create: the customer's account owner
        # (salesperson), the creator only when the customer has none.
        for form in self:
            form.user_id = (
                form.partner_id.commercial_partner_id.user_id
                or form.create_uid
                or self.env.user
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_send_expectation(self):
        self._send_side("expectation", mail=True)
        return True

    def action_fill_expectation(self):
        self.ensure_one()
        return self._send_side("expectation", mail=False)

    def action_send_perception(self):
        self._send_side("perception", mail=True)
        return True

    def action_fill_perception(self):
        self.ensure_one()
        return self._send_side("perception", mail=False)

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_reset_draft(self):
        self.filtered(lambda f: f.state == "cancelled").write({"state": "draft"})
        return True

    def action_refresh_gaps(self):
        self._refresh_from_answers()
        return True

    def _send_side(self, side, mail):
        """Create (once) the answer of the expectation or perception survey,
        then mail the invitation or open the survey for staff filling it in
        with the customer."""
        allowed = {
            "expectation": ("draft", "expectation_sent"),
            "perception": ("expectation_done", "perception_sent"),
        }[side]
        for form in self:
            if form.state not in allowed:
                raise UserError(
                    _(
                        "The expectation form %(form)s is not ready for this step.",
                        form=form.name,
                    )
                    if side == "expectation"
                    else _(
                        "The perception survey of %(form)s can only be sent once the "
                        "customer has filled the expectation form.",
                        form=form.name,
                    )
                )
            user_input = form[f"{side}_input_id"]
            if not user_input:
                survey = form[f"{side}_survey_id"].sudo()
                user_input = survey._create_answer(
                    partner=form.partner_id,
                    check_attempts=False,
                    service_expectation_form_id=form.id,
                    service_company_id=form.company_id.id,
                    service_team_id=form.team_id.id,
                    service_agent_id=form.user_id.id,
                    service_complaint_id=form.complaint_id.id,
                    # Opened to fill in with the customer, it is no invitation
                    # (the response rate counts invitations by send date).
                    service_date_sent=fields.Datetime.now() if mail else False,
                )
                form[f"{side}_input_id"] = user_input
            form.state = f"{side}_sent"
            if mail:
                if not user_input.service_date_sent:
                    user_input.service_date_sent = fields.Datetime.now()
                user_input._service_send_invitation()
                team_env = self.with_context(
                    lang=form.company_id._service_chatter_lang()
                ).env
                form.message_post(
                    body=Markup("<p>%s</p>")
                    % team_env._(
                        "Survey %(survey)s sent.", survey=user_input.survey_id.title
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        if not mail:
            return {
                "type": "ir.actions.act_url",
                "target": "new",
                "url": self[f"{side}_input_id"].get_start_url(),
            }
        return True

    # ------------------------------------------------------------------
    # Gaps
    # ------------------------------------------------------------------
    def _refresh_from_answers(self):
        """Follow the answers: state and dates, the gap per dimension, and the
        alert for the account owner."""
        for form in self:
            values = {}
            expectation = form.expectation_input_id
            perception = form.perception_input_id
            if expectation.state == "done":
                values["date_expectation"] = expectation.end_datetime
                values["expectation_note"] = expectation._service_comment() or False
                if form.state in ("draft", "expectation_sent"):
                    values["state"] = "expectation_done"
            if perception.state == "done":
                values["date_perception"] = perception.end_datetime
                if form.state != "cancelled":
                    values["state"] = "done"
            if values:
                form.write(values)
            form._compute_gaps()
        self._alert_negative_gaps()

    def _compute_gaps(self):
        self.ensure_one()
        expected, importance, perceived = {}, {}, {}
        for score in self.expectation_input_id.service_score_ids:
            if score.measure == "dimension":
                expected[score.dimension_id] = score.value
            elif score.measure == "importance":
                importance[score.dimension_id] = score.value
        if self.perception_input_id.state == "done":
            for score in self.perception_input_id.service_score_ids:
                if score.measure == "dimension":
                    perceived[score.dimension_id] = score.value
        dimensions = self.env["service.quality.dimension"].union(*expected, *perceived)
        total_importance = sum(importance.get(dim, 0.0) for dim in dimensions)
        existing = {gap.dimension_id: gap for gap in self.gap_ids}
        date = self.date_perception or self.date_expectation
        weighted_score = 0.0
        for dimension in dimensions.sorted():
            has_perception = dimension in perceived
            gap_value = (
                perceived[dimension] - expected.get(dimension, 0.0)
                if has_perception
                else 0.0
            )
            if dimension.weight_source == "stated" and total_importance:
                weight = importance.get(dimension, 0.0) / total_importance
            else:
                weight = dimension.weight
            vals = {
                "importance": importance.get(dimension, 0.0),
                "expectation": expected.get(dimension, 0.0),
                "perception": perceived.get(dimension, False),
                "has_perception": has_perception,
                "gap": gap_value,
                "weight": weight,
                "weighted_score": weight * gap_value,
                "date": date,
            }
            weighted_score += vals["weighted_score"]
            gap = existing.pop(dimension, None)
            if gap:
                gap.write(vals)
            else:
                self.env["service.expectation.gap"].create(
                    {**vals, "form_id": self.id, "dimension_id": dimension.id}
                )
        if existing:
            self.env["service.expectation.gap"].union(*existing.values()).unlink()
        self.weighted_score = weighted_score
        # No perception yet is NULL, not 0: averages in SQL skip it.
        unperceived = self.gap_ids.filtered(lambda g: not g.has_perception)
        if unperceived:
            unperceived.flush_recordset()
            self.env.cr.execute(
                SQL(
                    "UPDATE service_expectation_gap SET perception = NULL "
                    "WHERE id = ANY(%s)",
                    unperceived.ids,
                )
            )
            unperceived.invalidate_recordset(["perception"])

    def _short_gaps(self):
        """The perceived dimensions of this form that fall short of the
        expectation by more than the company's threshold."""
        self.ensure_one()
        threshold = self.company_id.service_gap_threshold
        return self.gap_ids.filtered(
            lambda g, t=threshold: g.has_perception and g.gap < -t
        )

    def _gap_alert_note(self, gaps, intro):
        """The alert's note: ``intro``, then one line per gap, written in the
        language of this record's environment (the reader's)."""
        items = Markup("").join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(dimension)s: expected %(expectation)s, perceived "
                "%(perception)s (gap %(gap)s)",
                dimension=gap.with_env(self.env).dimension_id.name,
                expectation=round(gap.expectation, 1),
                perception=round(gap.perception, 1),
                gap=round(gap.gap, 1),
            )
            for gap in gaps
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (escape(intro), items)

    def _alert_negative_gaps(self):
        """An activity for the account owner, once per form, when a perceived
        level falls short of the expectation by more than the threshold."""
        for form in self.filtered(lambda f: not f.gap_alert_done and f.user_id):
            short = form._short_gaps()
            if not short:
                continue
            # in the account owner's language, not the current user's
            form = form.with_context(lang=form.user_id.lang)
            form.activity_schedule(
                "survey_extension.mail_activity_expectation_gap",
                user_id=form.user_id.id,
                summary=form.env._(
                    "Expectation gap: act before the customer complains"
                ),
                note=form._gap_alert_note(
                    short,
                    form.env._(
                        "%(customer)s perceives the service below their "
                        "expectations:",
                        customer=form.commercial_partner_id.display_name,
                    ),
                ),
            )
            form.gap_alert_done = True

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") and vals.get("partner_id"):
                partner = self.env["res.partner"].browse(vals["partner_id"])
                # a name the service team reads: in the company's language
                company = (
                    self.env["res.company"].browse(vals.get("company_id"))
                    or self.env.company
                )
                team_env = self.with_context(lang=company._service_chatter_lang()).env
                vals["name"] = team_env._(
                    "Expectations of %(customer)s", customer=partner.display_name
                )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _create_demo_forms(self, partner_xmlids, user_xmlid=None, team_xmlid=None):
        """Expectation forms answered on both sides, some with negative gaps;
        then the dimension weights derived from them."""
        ref = self.env.ref
        codes = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
        rng = random.Random(8)
        now = fields.Datetime.now()
        notes = [
            "交货必须准时，安装当天要有人在现场。",
            "Invoices must be right the first time.",
            "希望有专人对接，问题两小时内回复。",
        ]
        satisfaction = {
            code: ref(f"survey_extension.perception_satisfaction_{code}")
            for code in ("very_satisfied", "satisfied", "neutral", "dissatisfied")
        }
        for index, xmlid in enumerate(partner_xmlids):
            partner = ref(xmlid)
            form = self.create(
                {
                    "partner_id": partner.id,
                    "user_id": ref(user_xmlid).id if user_xmlid else self.env.uid,
                    "team_id": ref(team_xmlid).id if team_xmlid else False,
                }
            )
            expected_on = now - timedelta(days=rng.randint(60, 170))
            perceived_on = now - timedelta(days=rng.randint(5, 50))
            form.action_fill_expectation()
            lines = [
                Command.create(
                    {
                        "question_id": ref(
                            "survey_extension.expectation_must_go_right"
                        ).id,
                        "answer_type": "text_box",
                        "value_text_box": notes[index % len(notes)],
                    }
                )
            ]
            expected = {}
            for code in codes:
                expected[code] = rng.randint(3, 5)
                for suffix, value in (
                    ("importance", rng.randint(2, 5)),
                    ("level", expected[code]),
                ):
                    lines.append(
                        Command.create(
                            {
                                "question_id": ref(
                                    f"survey_extension.expectation_{code}_{suffix}"
                                ).id,
                                "answer_type": "scale",
                                "value_scale": value,
                            }
                        )
                    )
            form.expectation_input_id.write(
                {
                    "user_input_line_ids": lines,
                    "state": "done",
                    "start_datetime": expected_on,
                    "end_datetime": expected_on,
                }
            )
            form.action_fill_perception()
            lines, total = [], 0
            for code in codes:
                value = max(1, min(5, expected[code] + rng.randint(-2, 1)))
                total += value
                lines.append(
                    Command.create(
                        {
                            "question_id": ref(
                                f"survey_extension.perception_{code}"
                            ).id,
                            "answer_type": "scale",
                            "value_scale": value,
                        }
                    )
                )
            average = total / len(codes)
            level = (
                "very_satisfied"
                if average >= 4.4
                else "satisfied"
                if average >= 3.6
                else "neutral"
                if average >= 2.8
                else "dissatisfied"
            )
            lines.append(
                Command.create(
                    {
                        "question_id": ref(
                            "survey_extension.perception_satisfaction"
                        ).id,
                        "answer_type": "suggestion",
                        "suggested_answer_id": satisfaction[level].id,
                    }
                )
            )
            form.perception_input_id.write(
                {
                    "user_input_line_ids": lines,
                    "state": "done",
                    "start_datetime": perceived_on,
                    "end_datetime": perceived_on,
                }
            )
        self.env["service.quality.dimension"]._derive_weights()
