# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    service_team_ids = fields.Many2many(
        "service.team",
        "service_team_member_rel",
        "user_id",
        "team_id",
        string="Service Teams",
    )

    def _service_default_team(self, company=None):
        """The first team the user leads or belongs to, in ``company``; none
        for users outside the service staff (e.g. customers filing a
        complaint)."""
        self.ensure_one()
        if not self.has_group("service_quality.group_service_user"):
            return self.env["service.team"]
        company = company or self.env.company
        return self.env["service.team"].search(
            [
                ("company_id", "=", company.id),
                "|",
                ("user_id", "=", self.id),
                ("member_ids", "in", self.id),
            ],
            limit=1,
        )
