# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ServiceComplaint(models.Model):
    _inherit = "service.complaint"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        ondelete="restrict",
        domain="[('state', '=', 'sale')]",
        help="The order the complaint is about: it counts in the complaint "
        "rate of the order's sales team and product categories.",
    )
    sale_team_id = fields.Many2one(
        related="sale_order_id.team_id", string="Sales Team", store=True
    )

    @api.constrains("sale_order_id", "partner_id")
    def _check_sale_order_customer(self):
        # The handler may have no Sales rights: the order is read as superuser.
        for complaint in self.sudo().filtered("sale_order_id"):
            order_customer = complaint.sale_order_id.partner_id.commercial_partner_id
            if (
                complaint.partner_id
                and complaint.partner_id.commercial_partner_id != order_customer
            ):
                raise ValidationError(
                    _(
                        "Complaint %(complaint)s is about order %(order)s of "
                        "another customer.",
                        complaint=complaint.display_name,
                        order=complaint.sale_order_id.name,
                    )
                )

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        order = self.sale_order_id.sudo()
        if order and not self.partner_id:
            self.partner_id = order.partner_id
        if order and not self.name:
            self.name = _("Complaint about %(order)s", order=order.name)
