# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    def _check_service_expectation_reviewer(self):
        """A reviewer opens and fills expectation forms: service staff only."""
        for user in self:
            if not user.has_group("service_quality.group_service_user"):
                raise ValidationError(
                    _(
                        "%(user)s cannot review expectation forms: only service "
                        "staff (Service Quality: User) can.",
                        user=user.name,
                    )
                )
