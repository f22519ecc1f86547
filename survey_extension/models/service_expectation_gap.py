# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ServiceExpectationGap(models.Model):
    """Expectation, perception and gap of one quality dimension of one
    expectation form, on the 0-100 scale. Rebuilt when the answers change."""

    _name = "service.expectation.gap"
    _description = "Expectation Gap"
    _order = "form_id, dimension_id"

    form_id = fields.Many2one(
        "service.expectation.form",
        string="Expectation Form",
        required=True,
        index=True,
        ondelete="cascade",
    )
    dimension_id = fields.Many2one(
        "service.quality.dimension", required=True, index=True, ondelete="restrict"
    )
    importance = fields.Float(digits=(16, 2), aggregator="avg")
    expectation = fields.Float(digits=(16, 2), aggregator="avg")
    perception = fields.Float(digits=(16, 2), aggregator="avg")
    has_perception = fields.Boolean(index=True)
    gap = fields.Float(
        digits=(16, 2), aggregator="avg", help="Perception − expectation."
    )
    weight = fields.Float(digits=(16, 4), aggregator="avg")
    weighted_score = fields.Float(digits=(16, 2), aggregator="avg")
    date = fields.Datetime(index=True)
    partner_id = fields.Many2one(
        related="form_id.commercial_partner_id",
        string="Customer",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(related="form_id.company_id", store=True, index=True)
    tier_id = fields.Many2one(related="form_id.tier_id", store=True, index=True)
    team_id = fields.Many2one(related="form_id.team_id", store=True, index=True)
    user_id = fields.Many2one(
        related="form_id.user_id", string="Account Owner", store=True, index=True
    )
    complaint_id = fields.Many2one(
        related="form_id.complaint_id", store=True, index=True
    )
    state = fields.Selection(related="form_id.state")

    _sql_constraints = [
        (
            "form_dimension_uniq",
            "unique (form_id, dimension_id)",
            "An expectation form has one gap per dimension.",
        ),
    ]
