# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL


class ServiceSurveyScore(models.Model):
    _inherit = "service.survey.score"

    def init(self):
        # The satisfaction KPIs of a period read only this index (an
        # index-only scan of the period's range): the columns of their cuts
        # and figures.
        self.env.cr.execute(
            SQL(
                """
                CREATE INDEX IF NOT EXISTS service_survey_score_kpi_idx
                    ON service_survey_score (date)
                    INCLUDE (company_id, team_id, user_id, tier_id,
                             service_type_id, channel_id, dimension_id, measure,
                             service_kind, value, is_satisfied, nps_category)
                """
            )
        )
        # The dashboard's "as of" (service.kpi._as_of): the newest change.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS service_survey_score_write_date_idx"
                " ON service_survey_score (write_date)"
            )
        )
