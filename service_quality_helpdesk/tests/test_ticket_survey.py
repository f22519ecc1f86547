# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .common import HelpdeskCommon


@tagged("post_install", "-at_install")
class TestTicketSurvey(HelpdeskCommon):
    """Closing a ticket invites its customer to the satisfaction survey once;
    the answers score for the ticket, its service team and its agent."""

    def ticket_inputs(self, ticket):
        return self.env["survey.user_input"].search(
            [("service_ticket_id", "=", ticket.id)]
        )

    def test_closing_sends_the_csat_survey_once(self):
        ticket = self.create_ticket()
        self.assertEqual(
            self.hd_stage["done"].service_survey_id,
            self.env.ref("survey_extension.survey_csat"),
        )
        ticket.stage_id = self.hd_stage["done"]
        user_input = self.ticket_inputs(ticket)
        self.assertEqual(len(user_input), 1)
        self.assertEqual(user_input.partner_id, self.contact)
        self.assertEqual(user_input.service_team_id, self.team)
        self.assertEqual(user_input.service_agent_id, self.hd_agent)
        self.assertEqual(ticket.service_survey_count, 1)
        mails = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", user_input.id)]
        )
        self.assertEqual(len(mails), 1)
        # Reopened and closed again: no second invitation.
        ticket.stage_id = self.hd_stage["progress"]
        ticket.stage_id = self.hd_stage["done"]
        self.assertEqual(len(self.ticket_inputs(ticket)), 1)

    def test_no_survey_when_the_rating_mail_is_chosen(self):
        self.company.service_helpdesk_survey = "rating"
        ticket = self.create_ticket()
        ticket.stage_id = self.hd_stage["done"]
        self.assertFalse(self.ticket_inputs(ticket))

    def test_cancelling_sends_no_survey(self):
        ticket = self.create_ticket()
        ticket.stage_id = self.hd_stage["cancelled"]
        self.assertFalse(self.ticket_inputs(ticket))

    def test_answers_score_for_the_ticket_team_and_agent(self):
        ref = self.env.ref
        ticket = self.create_ticket()
        ticket.stage_id = self.hd_stage["done"]
        user_input = self.ticket_inputs(ticket)
        user_input.write(
            {
                "user_input_line_ids": [
                    Command.create(
                        {
                            "question_id": ref("survey_extension.csat_satisfaction").id,
                            "answer_type": "suggestion",
                            "suggested_answer_id": ref(
                                "survey_extension.csat_satisfaction_satisfied"
                            ).id,
                        }
                    ),
                    Command.create(
                        {
                            "question_id": ref("survey_extension.csat_nps").id,
                            "answer_type": "scale",
                            "value_scale": 9,
                        }
                    ),
                ],
                "state": "done",
            }
        )
        scores = self.env["service.survey.score"].search(
            [("ticket_id", "=", ticket.id)]
        )
        self.assertEqual(set(scores.mapped("measure")), {"satisfaction", "nps"})
        self.assertEqual(scores.team_id, self.team)
        self.assertEqual(scores.user_id, self.hd_agent)
        self.assertEqual(scores.service_type_id, self.type_repair)
        self.assertEqual(scores.tier_id, self.tier_small)
        self.assertFalse(scores.complaint_id)
        nps = scores.filtered(lambda s: s.measure == "nps")
        self.assertEqual(nps.nps_category, "promoter")
