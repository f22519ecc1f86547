# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    service_sale_team_id = fields.Many2one(
        "service.team",
        string="Reviewing Service Team",
        check_company=True,
        help="The service team that reviews the expectation forms of sales "
        "orders; its leader reviews them unless a reviewer is set.",
    )
    service_sale_reviewer_id = fields.Many2one(
        "res.users",
        string="Expectation Form Reviewer",
        check_company=True,
        domain=[("share", "=", False)],
        help="Who fills the expectation form with the customer before delivery. "
        "Empty: the leader of the reviewing service team. Never the order's "
        "salesperson: the leader stands in when they are the same person.",
    )
    service_sale_review_days = fields.Integer(
        string="Review Days Before Delivery",
        default=2,
        help="The reviewer's activity is due this many days before the order's "
        "delivery date (commitment date, else expected date).",
    )

    @api.constrains("service_sale_reviewer_id")
    def _check_service_sale_reviewer(self):
        self.service_sale_reviewer_id._check_service_expectation_reviewer()

    @api.constrains("service_sale_review_days")
    def _check_service_sale_review_days(self):
        for company in self:
            if company.service_sale_review_days < 0:
                raise ValidationError(
                    _("The review days before delivery cannot be negative.")
                )
