# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reopen rate and the survey response rate got new definitions in
18.0.1.1.0. Their KPI records are ``noupdate`` data, so an upgrade would keep
the old formula texts: texts nobody edited are replaced by the new ones (the
translations of the new text are loaded by Odoo right after this script)."""

from odoo.tools import SQL

NEW_DESCRIPTIONS = {
    "kpi_reopen_rate": (
        "Share of the complaints received in the period and resolved that were "
        "reopened at least once.",
        "Share of the complaints received in the period (cancelled ones "
        "excluded) that were reopened at least once, whether resolved again or "
        "still open.",
    ),
    "kpi_response_rate": (
        "Share of the survey invitations sent in the period that were answered.",
        "Share of the survey invitations sent in the period that were answered, "
        "whenever the answer came: invitations and answers both count in the "
        "month the invitation was sent, so a late answer raises the rate of "
        "that month until the month is closed, and a month without invitations "
        "has no rate.",
    ),
}


def migrate(cr, version):
    for name, (old, new) in NEW_DESCRIPTIONS.items():
        cr.execute(
            SQL(
                """
                UPDATE service_kpi k SET description = jsonb_build_object('en_US', %s)
                  FROM ir_model_data d
                 WHERE d.module = 'kpi_dashboard' AND d.name = %s
                   AND d.model = 'service.kpi' AND d.res_id = k.id
                   AND k.description->>'en_US' = %s
                """,
                new,
                name,
                old,
            )
        )
