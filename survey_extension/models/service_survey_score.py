# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import create_index

from .survey_question import SERVICE_MEASURES
from .survey_survey import SERVICE_KINDS

NPS_CATEGORIES = [
    ("promoter", "Promoter"),
    ("passive", "Passive"),
    ("detractor", "Detractor"),
]


class ServiceSurveyScore(models.Model):
    """One scored answer of a survey, normalised to 0-100: the data the KPIs
    aggregate in SQL. Rebuilt from the answers whenever they change."""

    _name = "service.survey.score"
    _description = "Service Survey Score"
    _order = "date desc, id desc"
    _rec_name = "question_id"

    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answer",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    question_id = fields.Many2one(
        "survey.question", required=True, ondelete="cascade", readonly=True
    )
    survey_id = fields.Many2one("survey.survey", index=True, readonly=True)
    service_kind = fields.Selection(SERVICE_KINDS, index=True, readonly=True)
    measure = fields.Selection(SERVICE_MEASURES, index=True, readonly=True)
    dimension_id = fields.Many2one(
        "service.quality.dimension", index=True, readonly=True
    )
    satisfaction_level_id = fields.Many2one("service.satisfaction.level", readonly=True)
    value = fields.Float(
        digits=(16, 2), aggregator="avg", readonly=True, help="On the 0-100 scale."
    )
    native_value = fields.Float(
        digits=(16, 2), aggregator="avg", readonly=True, help="On the question's scale."
    )
    native_max = fields.Float(
        digits=(16, 2), aggregator="max", readonly=True, string="Native Maximum"
    )
    is_satisfied = fields.Boolean(readonly=True)
    nps_category = fields.Selection(NPS_CATEGORIES, readonly=True, index=True)
    date = fields.Datetime(index=True, readonly=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, readonly=True
    )
    tier_id = fields.Many2one(
        "service.customer.tier", string="Customer Tier", index=True, readonly=True
    )
    complaint_id = fields.Many2one("service.complaint", index=True, readonly=True)
    team_id = fields.Many2one("service.team", index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", index=True, readonly=True)
    service_type_id = fields.Many2one("service.type", readonly=True)
    channel_id = fields.Many2one("service.channel", readonly=True)
    campaign_id = fields.Many2one("service.survey.campaign", index=True, readonly=True)

    _sql_constraints = [
        (
            "user_input_question_uniq",
            "unique (user_input_id, question_id)",
            "A survey answer has one score per question.",
        ),
    ]

    def init(self):
        create_index(
            self.env.cr,
            "service_survey_score_company_measure_date_idx",
            self._table,
            ["company_id", "measure", "date"],
        )
