# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class ServiceQualityDimension(models.Model):
    """A dimension of service quality (SERVQUAL: tangibles, reliability,
    responsiveness, assurance, empathy), rated in surveys and compared between
    expectation and perception."""

    _name = "service.quality.dimension"
    _description = "Service Quality Dimension"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to use the dimension in every company.",
    )
    weight_source = fields.Selection(
        [("stated", "Stated"), ("derived", "Derived from the data")],
        required=True,
        default="stated",
        help="Stated: the weight entered here. Derived: the weight computed from "
        "how strongly the dimension's ratings go with overall satisfaction.",
    )
    stated_weight = fields.Float(
        default=0.2,
        digits=(16, 4),
        help="Importance of the dimension stated by the company, between 0 and 1.",
    )
    derived_weight = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="Positive correlation of the dimension's ratings with the overall "
        "satisfaction of the same answers, normalised so that the dimensions add "
        "up to 1.",
    )
    derived_correlation = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="Pearson correlation between the dimension's ratings and the overall "
        "satisfaction of the same answers.",
    )
    derived_sample_size = fields.Integer(
        readonly=True,
        help="Number of answers that rated both this dimension and the overall "
        "satisfaction.",
    )
    date_derived = fields.Datetime(string="Derived On", readonly=True)
    weight = fields.Float(
        compute="_compute_weight",
        store=True,
        digits=(16, 4),
        help="Importance weight in use (0 to 1).",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique NULLS NOT DISTINCT (code, company_id)",
            "The code of a dimension must be unique per company.",
        ),
    ]

    @api.depends("weight_source", "stated_weight", "derived_weight")
    def _compute_weight(self):
        for dimension in self:
            if dimension.weight_source == "derived":
                dimension.weight = dimension.derived_weight
            else:
                dimension.weight = dimension.stated_weight

    @api.constrains("stated_weight")
    def _check_stated_weight(self):
        for dimension in self:
            if not 0 <= dimension.stated_weight <= 1:
                raise ValidationError(
                    _(
                        "The stated weight of %(dimension)s must be between 0 and 1.",
                        dimension=dimension.name,
                    )
                )

    def action_derive_weights(self):
        self._derive_weights()
        return True

    @api.model
    def _cron_derive_weights(self):
        self._derive_weights()

    @api.model
    def _derive_weights(self):
        """Derive importance weights from the data: per dimension, the Pearson
        correlation (PostgreSQL ``corr``) between its rating and the overall
        satisfaction given in the same answer; negative correlations count as 0
        and the positive ones are normalised to add up to 1."""
        self.env["service.survey.score"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT d.dimension_id, corr(d.value, s.value), count(*)
                  FROM service_survey_score d
                  JOIN service_survey_score s
                    ON s.user_input_id = d.user_input_id
                   AND s.measure = 'satisfaction'
                 WHERE d.measure = 'dimension'
                   AND d.dimension_id IS NOT NULL
                 GROUP BY d.dimension_id
                """
            )
        )
        stats = {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}
        dimensions = self.with_context(active_test=False).search([])
        positive = {
            dim_id: max(correlation or 0.0, 0.0)
            for dim_id, (correlation, _count) in stats.items()
        }
        total = sum(positive.values())
        now = fields.Datetime.now()
        for dimension in dimensions:
            correlation, count = stats.get(dimension.id, (None, 0))
            dimension.write(
                {
                    "derived_correlation": correlation or 0.0,
                    "derived_sample_size": count,
                    "derived_weight": positive.get(dimension.id, 0.0) / total
                    if total
                    else 0.0,
                    "date_derived": now,
                }
            )
