# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

# The deadline fields computed from the received date and the resolution,
# in the order they depend on each other.
RECOMPUTED = (
    "service_type_id",
    "service_tier_id",
    "standard_id",
    "response_deadline",
    "response_warning_date",
    "response_working_hours",
    "response_status",
    "resolution_deadline",
    "resolution_warning_date",
    "resolution_working_hours",
    "resolution_status",
    "deadline_status",
    "next_deadline",
    "breach_date",
    "escalation_next_date",
)


def post_init_hook(env):
    """Tickets existing before the install were received when they were
    created, and those already closed were resolved when they were closed
    (their deadlines are computed on these dates, not on the install's).
    The new column is empty on these rows only: tickets created during the
    install (demo data) have their own date."""
    env.cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket t
               SET service_date_received = t.create_date,
                   date_resolved = CASE WHEN stage.closed
                       AND NOT COALESCE(stage.service_cancelled, FALSE)
                       THEN COALESCE(t.closed_date, t.write_date) END
              FROM helpdesk_ticket_stage stage
             WHERE stage.id = t.stage_id AND t.service_date_received IS NULL
         RETURNING t.id
            """
        )
    )
    ids = [row[0] for row in env.cr.fetchall()]
    if not ids:
        return
    tickets = env["helpdesk.ticket"].with_context(active_test=False).browse(ids)
    tickets.invalidate_recordset()
    for name in RECOMPUTED:
        env.add_to_compute(tickets._fields[name], tickets)
    tickets.flush_recordset()
