# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# The columns of the appraisal's rows, after its id.
COLUMNS = (
    "kind",
    "date",
    "user_id",
    "team_id",
    "company_id",
    "tier_id",
    "complaint_count",
    "response_on_time",
    "resolution_on_time",
    "response_hours",
    "resolution_hours",
    "reopened",
    "escalated",
    "answer_count",
    "satisfied",
    "satisfaction",
    "promise_count",
    "promise_kept",
    "response_count",
    "resolution_count",
)


class ServiceAgentAppraisal(models.Model):
    _inherit = "service.agent.appraisal"

    kind = fields.Selection(selection_add=[("ticket", "Helpdesk Ticket")])

    @property
    def _table_query(self):
        """The agents' helpdesk tickets are cases of theirs too, counted as
        their complaints are (cancelled and rejected ones apart). The rows of
        the other sources keep even ids, tickets take the odd ones."""
        columns = ", ".join(f"q.{column}" for column in COLUMNS)
        return f"""
            SELECT q.id * 2 AS id, {columns}
              FROM ({super()._table_query}) q
            UNION ALL
            SELECT t.id * 2 + 1, 'ticket',
                   t.service_date_received::date, t.user_id, t.service_team_id,
                   t.company_id, t.service_tier_id, 1,
                   CASE WHEN t.date_first_response IS NOT NULL
                        THEN CASE WHEN t.date_first_response <= t.response_deadline
                                  THEN 100.0 ELSE 0.0 END
                        WHEN t.response_deadline < NOW() AT TIME ZONE 'UTC'
                        THEN 0.0 END,
                   CASE WHEN t.date_resolved IS NOT NULL
                        THEN CASE WHEN t.date_resolved <= t.resolution_deadline
                                  THEN 100.0 ELSE 0.0 END
                        WHEN t.resolution_deadline < NOW() AT TIME ZONE 'UTC'
                        THEN 0.0 END,
                   t.response_working_hours, t.resolution_working_hours,
                   CASE WHEN t.reopen_count > 0 THEN 100.0 ELSE 0.0 END,
                   CASE WHEN t.escalation_level > 0 THEN 100.0 ELSE 0.0 END,
                   0, NULL::float, NULL::float, 0, NULL::float,
                   CASE WHEN t.date_first_response IS NOT NULL
                          OR t.response_deadline < NOW() AT TIME ZONE 'UTC'
                        THEN 1 ELSE 0 END,
                   CASE WHEN t.date_resolved IS NOT NULL
                          OR t.resolution_deadline < NOW() AT TIME ZONE 'UTC'
                        THEN 1 ELSE 0 END
              FROM helpdesk_ticket t
              JOIN helpdesk_ticket_stage stage ON stage.id = t.stage_id
             WHERE NOT COALESCE(stage.service_cancelled, FALSE)
               AND t.user_id IS NOT NULL
        """
