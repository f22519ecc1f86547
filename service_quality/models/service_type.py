# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ServiceType(models.Model):
    """A business / service type (业务类型), e.g. consultation or repair."""

    _name = "service.type"
    _description = "Service Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the type between companies."
    )
    active = fields.Boolean(default=True)

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        for service_type in self:
            duplicate = self.with_context(active_test=False).search_count(
                [
                    ("id", "!=", service_type.id),
                    ("code", "=ilike", service_type.code),
                    ("company_id", "in", [service_type.company_id.id, False]),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    _(
                        "The service type code %(code)s is already used.",
                        code=service_type.code,
                    )
                )
