# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ServiceAgentAppraisal(models.Model):
    """Performance appraisal (绩效考核) of agents and teams.

    One row per complaint, satisfaction answer and settled promise of an
    agent. Rates are stored as 100 / 0 on the rows they concern and NULL
    elsewhere, so that the average of a column is the exact rate for any
    grouping of the pivot (by agent, team, month, tier...)."""

    _name = "service.agent.appraisal"
    _description = "Agent Appraisal"
    _auto = False
    _order = "date desc"
    _rec_name = "user_id"

    date = fields.Date(readonly=True)
    kind = fields.Selection(
        [
            ("complaint", "Complaint"),
            ("answer", "Satisfaction Answer"),
            ("promise", "Promise"),
        ],
        readonly=True,
    )
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    team_id = fields.Many2one("service.team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    tier_id = fields.Many2one(
        "service.customer.tier", string="Customer Tier", readonly=True
    )
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    response_on_time = fields.Float(
        string="Response SLA %", aggregator="avg", readonly=True, digits=(16, 1)
    )
    resolution_on_time = fields.Float(
        string="Resolution SLA %", aggregator="avg", readonly=True, digits=(16, 1)
    )
    # The sample of each rate, shown next to it: 100 % of 2 cases is not
    # 100 % of 200.
    response_count = fields.Integer(
        string="Responses Due",
        readonly=True,
        help="Complaints answered or past their response deadline: the cases "
        "of the response SLA.",
    )
    resolution_count = fields.Integer(
        string="Resolutions Due",
        readonly=True,
        help="Complaints resolved or past their resolution deadline: the cases "
        "of the resolution SLA.",
    )
    response_hours = fields.Float(
        string="First Response (h)", aggregator="avg", readonly=True, digits=(16, 2)
    )
    resolution_hours = fields.Float(
        string="Resolution (h)", aggregator="avg", readonly=True, digits=(16, 2)
    )
    reopened = fields.Float(
        string="Reopen Rate %", aggregator="avg", readonly=True, digits=(16, 1)
    )
    escalated = fields.Float(
        string="Escalation Rate %", aggregator="avg", readonly=True, digits=(16, 1)
    )
    answer_count = fields.Integer(string="Satisfaction Answers", readonly=True)
    satisfied = fields.Float(
        string="CSAT %", aggregator="avg", readonly=True, digits=(16, 1)
    )
    satisfaction = fields.Float(
        string="Mean Satisfaction", aggregator="avg", readonly=True, digits=(16, 1)
    )
    promise_count = fields.Integer(string="Settled Promises", readonly=True)
    promise_kept = fields.Float(
        string="Promises Kept %", aggregator="avg", readonly=True, digits=(16, 1)
    )

    @property
    def _table_query(self):
        return """
            SELECT t.id * 3 AS id, 'complaint' AS kind,
                   t.date_received::date AS date, t.user_id, t.team_id,
                   t.company_id, t.tier_id, 1 AS complaint_count,
                   CASE WHEN t.date_first_response IS NOT NULL
                        THEN CASE WHEN t.date_first_response <= t.response_deadline
                                  THEN 100.0 ELSE 0.0 END
                        WHEN t.response_deadline < NOW() AT TIME ZONE 'UTC'
                        THEN 0.0 END AS response_on_time,
                   CASE WHEN t.date_resolved IS NOT NULL
                        THEN CASE WHEN t.date_resolved <= t.resolution_deadline
                                  THEN 100.0 ELSE 0.0 END
                        WHEN t.resolution_deadline < NOW() AT TIME ZONE 'UTC'
                        THEN 0.0 END AS resolution_on_time,
                   t.response_working_hours AS response_hours,
                   t.resolution_working_hours AS resolution_hours,
                   CASE WHEN t.reopen_count > 0 THEN 100.0 ELSE 0.0 END
                       AS reopened,
                   CASE WHEN t.escalation_level > 0 THEN 100.0 ELSE 0.0 END
                       AS escalated,
                   0 AS answer_count, NULL::float AS satisfied,
                   NULL::float AS satisfaction,
                   0 AS promise_count, NULL::float AS promise_kept,
                   CASE WHEN t.date_first_response IS NOT NULL
                          OR t.response_deadline < NOW() AT TIME ZONE 'UTC'
                        THEN 1 ELSE 0 END AS response_count,
                   CASE WHEN t.date_resolved IS NOT NULL
                          OR t.resolution_deadline < NOW() AT TIME ZONE 'UTC'
                        THEN 1 ELSE 0 END AS resolution_count
              FROM service_complaint t
              JOIN service_complaint_stage stage ON stage.id = t.stage_id
             WHERE stage.kind != 'cancelled' AND t.user_id IS NOT NULL
            UNION ALL
            SELECT s.id * 3 + 1, 'answer', s.date::date, s.user_id, s.team_id,
                   s.company_id, s.tier_id, 0, NULL, NULL, NULL, NULL, NULL, NULL,
                   1, CASE WHEN s.is_satisfied THEN 100.0 ELSE 0.0 END, s.value,
                   0, NULL, 0, 0
              FROM service_survey_score s
             WHERE s.measure = 'satisfaction' AND s.user_id IS NOT NULL
            UNION ALL
            SELECT p.id * 3 + 2, 'promise', p.date_done, p.user_id, p.team_id,
                   p.company_id, p.tier_id, 0, NULL, NULL, NULL, NULL, NULL, NULL,
                   0, NULL, NULL,
                   1, CASE WHEN p.state = 'kept' THEN 100.0 ELSE 0.0 END, 0, 0
              FROM service_promise p
             WHERE p.state IN ('kept', 'broken') AND p.user_id IS NOT NULL
        """
