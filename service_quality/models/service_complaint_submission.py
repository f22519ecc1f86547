# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Submissions of the public form allowed per IP address and hour, unless the
# ir.config_parameter below says otherwise.
DEFAULT_RATE_LIMIT = 5
RATE_LIMIT_PARAM = "service_quality.public_form_rate_limit"


class ServiceComplaintSubmission(models.Model):
    """One submission of the public complaint form, kept a day to limit how
    often one address may submit."""

    _name = "service.complaint.submission"
    _description = "Public Complaint Form Submission"
    _order = "id desc"
    _log_access = True

    ip_address = fields.Char(string="IP Address", required=True, index=True)
    complaint_id = fields.Many2one(
        "service.complaint", string="Complaint", ondelete="set null"
    )

    @api.model
    def _rate_limit(self):
        value = self.env["ir.config_parameter"].sudo().get_param(RATE_LIMIT_PARAM)
        try:
            return int(value) if value else DEFAULT_RATE_LIMIT
        except ValueError:
            return DEFAULT_RATE_LIMIT

    @api.model
    def _check_rate(self, ip_address):
        """Refuse a submission from an address that already used its quota of
        the last hour."""
        since = fields.Datetime.now() - timedelta(hours=1)
        count = self.sudo().search_count(
            [("ip_address", "=", ip_address), ("create_date", ">=", since)]
        )
        if count >= self._rate_limit():
            raise UserError(
                _(
                    "You have sent several complaints in the last hour. Please "
                    "wait a little before sending another one, or call us."
                )
            )

    @api.model
    def _record_submission(self, ip_address, complaint):
        """Remember a submission; forget those older than a day."""
        self.sudo().search(
            [("create_date", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
        return self.sudo().create(
            {"ip_address": ip_address, "complaint_id": complaint.id}
        )
