# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

SURVEY_SENDERS = [
    ("service", "Service quality satisfaction survey"),
    ("rating", "Helpdesk rating mail"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    service_helpdesk_survey = fields.Selection(
        SURVEY_SENDERS,
        string="Closed Ticket Survey",
        # Not required: companies created while this addon is installed but
        # not loaded (another addon's install tests) have none: ours then.
        default="service",
        help="What the customer receives when a ticket is closed: our "
        "satisfaction survey (the helpdesk rating mail is then not sent) or the "
        "rating mail of Helpdesk Rating (our survey is then not sent). One "
        "customer gets one survey.",
    )
