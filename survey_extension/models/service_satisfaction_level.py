# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SATISFACTION_SCALES = [
    ("4", "4 levels (非常满意 / 满意 / 一般 / 不满意)"),
    ("5", "5 levels (很满意 / 满意 / 一般 / 不满意 / 很不满意)"),
]


class ServiceSatisfactionLevel(models.Model):
    """One level of a satisfaction scale and its value on the 0-100 scale."""

    _name = "service.satisfaction.level"
    _description = "Satisfaction Level"
    _order = "scale, sequence, id"

    name = fields.Char(required=True, translate=True)
    scale = fields.Selection(SATISFACTION_SCALES, required=True, default="4")
    sequence = fields.Integer(default=10)
    value = fields.Float(
        required=True,
        digits=(16, 2),
        help="Value of the level on the 0-100 scale the KPIs use.",
    )
    is_satisfied = fields.Boolean(
        string="Counts as Satisfied",
        help="Answers of this level count as satisfied in the satisfaction rate.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("value")
    def _check_value(self):
        for level in self:
            if not 0 <= level.value <= 100:
                raise ValidationError(
                    _(
                        "The value of the satisfaction level %(level)s must be "
                        "between 0 and 100.",
                        level=level.name,
                    )
                )

    def _rank(self):
        """Position of the level counted from the bottom of its scale (1 = the
        lowest) and the number of levels of the scale."""
        self.ensure_one()
        levels = self.search([("scale", "=", self.scale)], order="value, id")
        return list(levels).index(self) + 1, len(levels)

    def _is_lowest(self):
        self.ensure_one()
        return not self.search_count(
            [("scale", "=", self.scale), ("value", "<", self.value)], limit=1
        )
