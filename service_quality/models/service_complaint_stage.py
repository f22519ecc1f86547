# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# The service process of the source documents (服务流程), in order. A stage's
# kind gives it its meaning: what must be filled in before a case enters it and
# what entering it records (first response, resolution, closing).
STAGE_KINDS = [
    ("new", "Inquiry (咨询)"),
    ("dispatched", "Dispatched (派单)"),
    ("handling", "Handling (处理中)"),
    ("fed_back", "Result Fed Back (已反馈)"),
    ("evaluated", "Evaluated (已评价)"),
    ("closed", "Follow-up / Closed (追踪/已关闭)"),
    ("cancelled", "Cancelled"),
]
# Entering a stage of these kinds answers the customer for the first time.
RESPONSE_KINDS = ("handling", "fed_back", "evaluated", "closed")
# Entering a stage of these kinds delivers the result to the customer.
RESOLVED_KINDS = ("fed_back", "evaluated", "closed")
CLOSED_KINDS = ("closed", "cancelled")


class ServiceComplaintStage(models.Model):
    _name = "service.complaint.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        STAGE_KINDS,
        required=True,
        default="handling",
        help="The step of the service process this stage stands for. It decides "
        "what a case needs before it enters the stage and what entering it "
        "records: first response, result fed back, closing.",
    )
    fold = fields.Boolean(
        string="Folded in Kanban", help="Fold this stage's column in the kanban view."
    )
    pause_resolution = fields.Boolean(
        string="Waiting on Customer",
        help="While a case is in this stage the resolution clock is paused; the "
        "working time already used is kept.",
    )
    is_closed = fields.Boolean(compute="_compute_is_closed", store=True)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    @api.depends("kind")
    def _compute_is_closed(self):
        for stage in self:
            stage.is_closed = stage.kind in CLOSED_KINDS
