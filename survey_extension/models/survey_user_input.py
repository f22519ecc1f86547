# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models

from odoo.addons.service_quality.models.mail_thread import AUTO_GENERATED_HEADERS

# Context fields of an invitation: changing one of them on an answered survey
# rebuilds its scores.
SERVICE_CONTEXT_FIELDS = (
    "partner_id",
    "service_company_id",
    "service_complaint_id",
    "service_team_id",
    "service_agent_id",
    "service_campaign_id",
    "service_expectation_form_id",
    "end_datetime",
)


class SurveyUserInput(models.Model):
    """A survey invitation and its answers; state ``done`` means responded."""

    _inherit = "survey.user_input"

    service_kind = fields.Selection(
        related="survey_id.service_kind", store=True, index=True
    )
    service_company_id = fields.Many2one(
        "res.company",
        string="Service Company",
        index=True,
        default=lambda self: self.env.company,
    )
    service_complaint_id = fields.Many2one(
        "service.complaint", string="Complaint", index=True, ondelete="set null"
    )
    service_team_id = fields.Many2one(
        "service.team", string="Service Team", index=True, ondelete="set null"
    )
    service_agent_id = fields.Many2one(
        "res.users", string="Agent", index=True, ondelete="set null"
    )
    service_campaign_id = fields.Many2one(
        "service.survey.campaign",
        string="Campaign",
        index=True,
        ondelete="set null",
    )
    service_expectation_form_id = fields.Many2one(
        "service.expectation.form",
        string="Expectation Form",
        index=True,
        ondelete="set null",
    )
    service_date_sent = fields.Datetime(
        string="Invited On",
        index=True,
        default=fields.Datetime.now,
        help="When the invitation was sent; the response rate counts the "
        "invitation and its answer in that month. Empty for a survey filled in "
        "with staff, which is no invitation.",
    )
    service_score_ids = fields.One2many(
        "service.survey.score", "user_input_id", string="Service Scores"
    )
    service_followup_done = fields.Boolean(
        copy=False,
        help="A follow-up activity was already created for a dissatisfied answer.",
    )

    # The answer lines written with the answer itself do not rescore it line
    # by line (service_defer_scores): it is scored once, at the end.
    @api.model_create_multi
    def create(self, vals_list):
        inputs = (
            super(SurveyUserInput, self.with_context(service_defer_scores=True))
            .create(vals_list)
            .with_env(self.env)
        )
        inputs._service_refresh_scores()
        return inputs

    def write(self, vals):
        res = super(
            SurveyUserInput, self.with_context(service_defer_scores=True)
        ).write(vals)
        if (
            vals.get("state") == "done"
            or "user_input_line_ids" in vals
            or (
                set(vals) & set(SERVICE_CONTEXT_FIELDS)
                and not self.env.context.get("service_no_rescore")
            )
        ):
            self._service_refresh_scores()
        return res

    # ------------------------------------------------------------------
    # Scores
    # ------------------------------------------------------------------
    def _service_refresh_scores(self):
        """Rescore the submitted answers among these (after their lines were
        edited or deleted)."""
        if self.env.context.get("service_defer_scores"):
            return
        self.filtered(lambda i: i.state == "done")._service_generate_scores()

    def _service_generate_scores(self):
        """Rebuild the scores of these answers: delete and recreate them in the
        same transaction, so that a double submit or an edit never leaves
        duplicates or stale values (a unique index on answer and question
        guards concurrent submits)."""
        if not self:
            return
        Score = self.env["service.survey.score"].sudo()
        Score.search([("user_input_id", "in", self.ids)]).unlink()
        inputs = self.filtered(lambda i: i.state == "done" and not i.test_entry)
        vals_list = []
        for user_input in inputs:
            vals_list += user_input._service_score_values()
        Score.create(vals_list)
        self.invalidate_recordset(["service_score_ids"])
        inputs._service_after_scoring()

    def _service_score_base_values(self):
        self.ensure_one()
        complaint = self.service_complaint_id
        partner = (
            self.partner_id.commercial_partner_id or complaint.commercial_partner_id
        )
        return {
            "user_input_id": self.id,
            "survey_id": self.survey_id.id,
            "service_kind": self.survey_id.service_kind,
            "date": self.end_datetime or self.write_date or fields.Datetime.now(),
            "company_id": (
                self.service_company_id or complaint.company_id or self.env.company
            ).id,
            "partner_id": partner.id,
            "tier_id": partner.service_tier_id.id,
            "complaint_id": complaint.id,
            "team_id": (self.service_team_id or complaint.team_id).id,
            "user_id": (self.service_agent_id or complaint.user_id).id,
            "service_type_id": complaint.service_type_id.id,
            "channel_id": complaint.channel_id.id,
            "campaign_id": self.service_campaign_id.id,
        }

    def _service_score_values(self):
        self.ensure_one()
        base = self._service_score_base_values()
        vals_list = []
        seen = set()
        for line in self.user_input_line_ids:
            question = line.question_id
            if line.skipped or not question.service_measure or question in seen:
                continue
            score = line._service_score()
            if score is None:
                continue
            seen.add(question)
            value, native_value, native_max, level = score
            vals = {
                **base,
                "question_id": question.id,
                "measure": question.service_measure,
                "dimension_id": question.dimension_id.id,
                "satisfaction_level_id": level.id,
                "value": value,
                "native_value": native_value,
                "native_max": native_max,
            }
            if question.service_measure == "satisfaction":
                vals["is_satisfied"] = (
                    level.is_satisfied if level else value >= SATISFIED_FROM
                )
            elif question.service_measure == "nps":
                vals["nps_category"] = nps_category(value)
            vals_list.append(vals)
        return vals_list

    def _service_after_scoring(self):
        """Follow-ups that answers trigger: an activity for the team leader on
        a dissatisfied complaint survey, the gaps of expectation forms."""
        for user_input in self.filtered(
            lambda i: i.service_complaint_id and not i.service_followup_done
        ):
            if user_input._service_is_dissatisfied():
                user_input._service_schedule_followup()
        for user_input in self.filtered(
            lambda i: i.service_complaint_id and i.service_kind == "csat"
        ):
            user_input._service_record_evaluation()
        forms = self.service_expectation_form_id
        if forms:
            forms.sudo()._refresh_from_answers()

    def _service_is_dissatisfied(self):
        self.ensure_one()
        for score in self.service_score_ids.filtered(
            lambda s: s.measure == "satisfaction"
        ):
            level = score.satisfaction_level_id
            if level._is_lowest() if level else score.value <= 0:
                return True
        return False

    def _service_record_evaluation(self):
        """The complaint's customer evaluation, when it has none yet, from the
        overall satisfaction answered in the survey (top level: very
        satisfied, second: satisfied, lowest: dissatisfied, else neutral)."""
        self.ensure_one()
        complaint = self.service_complaint_id.sudo()
        score = self.service_score_ids.filtered(
            lambda s: s.measure == "satisfaction" and s.satisfaction_level_id
        )[:1]
        if complaint.customer_evaluation or not score:
            return
        rank, count = score.satisfaction_level_id._rank()
        if rank == count:
            evaluation = "very_satisfied"
        elif rank == count - 1:
            evaluation = "satisfied"
        elif rank == 1:
            evaluation = "dissatisfied"
        else:
            evaluation = "neutral"
        values = {"customer_evaluation": evaluation}
        comment = self._service_comment()
        if comment and not complaint.evaluation_note:
            values["evaluation_note"] = comment
        complaint.write(values)

    def _service_comment(self):
        """The customer's free-text answers of this survey, one per line."""
        self.ensure_one()
        return "\n".join(
            line.value_text_box
            for line in self.user_input_line_ids
            if line.answer_type == "text_box" and line.value_text_box
        )

    def _service_schedule_followup(self):
        self.ensure_one()
        complaint = self.service_complaint_id.sudo()
        leader = complaint.team_id.user_id or complaint.user_id
        if leader:
            # in the leader's language, not the customer's who answered
            leader_env = self.with_context(lang=leader.lang).env
            complaint.activity_schedule(
                "survey_extension.mail_activity_dissatisfied_customer",
                user_id=leader.id,
                summary=leader_env._("Dissatisfied customer: follow up"),
                note=leader_env._(
                    "%(customer)s answered the satisfaction survey with the lowest "
                    "level. Call them back and find out what went wrong.",
                    customer=self.partner_id.display_name
                    or leader_env._("The customer"),
                ),
            )
        team_env = self.with_context(
            lang=complaint.company_id._service_chatter_lang()
        ).env
        complaint.message_post(
            body=Markup("<p>%s</p>")
            % team_env._(
                "The customer is dissatisfied with how the complaint was handled."
            ),
            subtype_xmlid="mail.mt_note",
        )
        self.with_context(service_no_rescore=True).write(
            {"service_followup_done": True}
        )

    # ------------------------------------------------------------------
    # Invitations
    # ------------------------------------------------------------------
    def _service_send_invitation(self):
        """Mail the invitation with the survey's own invitation template."""
        template = self.env.ref("survey.mail_template_user_input_invite")
        for user_input in self.filtered(lambda i: i.partner_id.email or i.email):
            template.sudo().send_mail(
                user_input.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={"headers": repr(AUTO_GENERATED_HEADERS)},
            )

    @api.model
    def _service_opinion_input(self, partner):
        """The customer's pending opinion card answer, created when none is
        pending: its token identifies the customer, and only them."""
        survey = self.env.ref("survey_extension.survey_opinion").sudo()
        user_input = self.sudo().search(
            [
                ("survey_id", "=", survey.id),
                ("partner_id", "=", partner.id),
                ("state", "!=", "done"),
            ],
            limit=1,
        )
        return user_input or survey._create_answer(
            partner=partner,
            check_attempts=False,
            service_company_id=(partner.company_id or self.env.company).id,
        )

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _service_create_demo_csat(self, count=40):
        """Answered complaint satisfaction surveys over the last six months."""
        ref = self.env.ref
        survey = ref("survey_extension.survey_csat")
        rng = random.Random(5)
        now = fields.Datetime.now()
        complaints = self.env["service.complaint"].search(
            [("partner_id", "!=", False), ("date_resolved", "!=", False)],
            order="id",
        )
        # One survey per complaint: older closed complaints make up the rest.
        complaints |= self._service_create_demo_history(count - len(complaints), rng)
        if not complaints:
            return
        levels = [
            (ref(f"survey_extension.csat_satisfaction_{code}"), nps_range)
            for code, nps_range in (
                ("very_satisfied", (8, 10)),
                ("satisfied", (6, 9)),
                ("neutral", (3, 7)),
                ("dissatisfied", (0, 5)),
            )
        ]
        fcr = {
            True: ref("survey_extension.csat_fcr_yes"),
            False: ref("survey_extension.csat_fcr_no"),
        }
        comments = [
            "处理很及时，谢谢！",
            "Friendly staff, but it took two calls.",
            "希望下次能一次解决。",
            False,
        ]
        vals_list = []
        for complaint in complaints[:count]:
            answered = max(
                complaint.date_resolved + timedelta(hours=rng.randint(2, 48)),
                now - timedelta(days=180),
            )
            answered = min(answered, now - timedelta(hours=1))
            level, nps_range = rng.choices(levels, weights=[35, 40, 17, 8])[0]
            solved = rng.random() < 0.7
            comment = rng.choice(comments)
            lines = [
                Command.create(
                    {
                        "question_id": ref("survey_extension.csat_satisfaction").id,
                        "answer_type": "suggestion",
                        "suggested_answer_id": level.id,
                    }
                ),
                Command.create(
                    {
                        "question_id": ref("survey_extension.csat_fcr").id,
                        "answer_type": "suggestion",
                        "suggested_answer_id": fcr[solved].id,
                    }
                ),
                Command.create(
                    {
                        "question_id": ref("survey_extension.csat_nps").id,
                        "answer_type": "scale",
                        "value_scale": rng.randint(*nps_range),
                    }
                ),
            ]
            if comment:
                lines.append(
                    Command.create(
                        {
                            "question_id": ref("survey_extension.csat_comment").id,
                            "answer_type": "text_box",
                            "value_text_box": comment,
                        }
                    )
                )
            vals_list.append(
                {
                    "survey_id": survey.id,
                    "partner_id": complaint.partner_id.id,
                    "email": complaint.partner_id.email,
                    "nickname": complaint.partner_id.name,
                    "state": "done",
                    "start_datetime": answered - timedelta(minutes=3),
                    "end_datetime": answered,
                    "service_date_sent": answered - timedelta(days=1),
                    "service_complaint_id": complaint.id,
                    "service_team_id": complaint.team_id.id,
                    "service_agent_id": complaint.user_id.id,
                    "service_company_id": complaint.company_id.id,
                    "user_input_line_ids": lines,
                }
            )
        self.create(vals_list)

    @api.model
    def _service_create_demo_history(self, count, rng):
        """Closed complaints of the last six months for the demo surveys."""
        if count <= 0:
            return self.env["service.complaint"]
        templates = self.env["service.complaint"].search(
            [
                ("partner_id", "!=", False),
                ("team_id", "!=", False),
                ("user_id", "!=", False),
            ],
            order="id",
        )
        root_causes = self.env["service.root.cause"].search([])
        closed = self.env.ref("service_quality.stage_closed")
        # (Chinese, English): each case in its customer's language
        subjects = [
            ("安装师傅迟到两个小时", "The installer came two hours late"),
            ("备件送错地址", "Spare part delivered to the wrong address"),
            ("发票抬头错误", "Wrong company name on the invoice"),
            ("热线等待了 20 分钟", "Hotline kept me waiting for 20 minutes"),
            ("维修后仍有异响", "Still noisy after the repair"),
            ("退款用了三周", "Refund took three weeks"),
        ]
        solutions = (
            "<p>已处理并回访客户。</p>",
            "<p>Handled, and the customer was called back.</p>",
        )
        now = fields.Datetime.now()
        vals_list = []
        for index in range(count):
            template = templates[index % len(templates)]
            english = int(template.partner_id.lang != "zh_CN")
            received = now - timedelta(
                days=rng.randint(3, 178), hours=rng.randint(0, 9)
            )
            vals_list.append(
                {
                    "name": subjects[index % len(subjects)][english],
                    "partner_id": template.partner_id.id,
                    "service_type_id": template.service_type_id.id,
                    "category_id": template.category_id.id,
                    "channel_id": template.channel_id.id,
                    "team_id": template.team_id.id,
                    "user_id": template.user_id.id,
                    "date_received": received,
                    "root_cause_id": root_causes[index % len(root_causes)].id
                    if root_causes
                    else False,
                    "solution": solutions[english],
                    "stage_id": closed.id,
                }
            )
        complaints = self.env["service.complaint"].create(vals_list)
        for complaint, vals in zip(complaints, vals_list, strict=True):
            resolved = vals["date_received"] + timedelta(hours=rng.randint(2, 40))
            complaint.write(
                {
                    "date_first_response": vals["date_received"]
                    + timedelta(minutes=rng.randint(10, 240)),
                    "date_resolved": resolved,
                    "date_closed": resolved + timedelta(hours=1),
                }
            )
        return complaints


# Answers from this value up count as satisfied when the question has no
# satisfaction levels (e.g. 4 and 5 on a 1-5 scale, 7 to 10 on 0-10).
SATISFIED_FROM = 66.66


def nps_category(value):
    """Promoter (9-10), passive (7-8) or detractor (0-6) of a 0-10 answer,
    given on the 0-100 scale."""
    if value >= 90:
        return "promoter"
    if value >= 70:
        return "passive"
    return "detractor"
