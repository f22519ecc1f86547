# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import fields, models


class ServiceComplaint(models.Model):
    _inherit = "service.complaint"

    survey_input_count = fields.Integer(
        compute="_compute_survey_input_count",
        string="Surveys",
        groups="service_quality.group_service_user",
    )
    expectation_form_ids = fields.One2many(
        "service.expectation.form", "complaint_id", string="Expectation Forms"
    )
    expectation_gap_ids = fields.One2many(
        "service.expectation.gap",
        "complaint_id",
        string="Expectation Gaps",
    )

    def _compute_survey_input_count(self):
        counts = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("service_complaint_id", "in", self.ids)],
                groupby=["service_complaint_id"],
                aggregates=["__count"],
            )
        )
        for complaint in self:
            complaint.survey_input_count = counts.get(complaint, 0)

    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        old_stages = {complaint: complaint.stage_id for complaint in self}
        res = super().write(vals)
        self.filtered(
            lambda c: c.stage_id.survey_id and c.stage_id != old_stages[c]
        )._send_satisfaction_survey()
        return res

    def _send_satisfaction_survey(self):
        """Invite the customer to the stage's satisfaction survey, once per
        complaint and survey, with the survey's own invitation mail."""
        sent = {
            (user_input.service_complaint_id, user_input.survey_id)
            for user_input in self.env["survey.user_input"]
            .sudo()
            .search([("service_complaint_id", "in", self.ids)])
        }
        for complaint in self:
            survey = complaint.stage_id.survey_id.sudo()
            if (
                not complaint.partner_id
                or not survey.active
                or (complaint, survey) in sent
            ):
                continue
            user_input = survey._create_answer(
                partner=complaint.partner_id,
                check_attempts=False,
                service_complaint_id=complaint.id,
                service_team_id=complaint.team_id.id,
                service_agent_id=complaint.user_id.id,
                service_company_id=complaint.company_id.id,
            )
            user_input._service_send_invitation()
            team_env = self.with_context(
                lang=complaint.company_id._service_chatter_lang()
            ).env
            complaint.message_post(
                body=Markup("<p>%s</p>")
                % team_env._(
                    "Satisfaction survey %(survey)s sent to %(customer)s.",
                    survey=survey.title,
                    customer=complaint.partner_id.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_view_survey_inputs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "survey_extension.survey_user_input_action_service"
        )
        action["domain"] = [("service_complaint_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_survey_scores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "survey_extension.service_survey_score_action"
        )
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {}
        return action
