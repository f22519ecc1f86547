# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.service_quality.controllers.portal import ServiceComplaintPortal


class ServiceSalePortal(ServiceComplaintPortal):
    """“Complain about this order” from the customer's order page."""

    def _service_order_for_complaint(self, order_id):
        """The confirmed order, if the logged-in user may read it and it is
        their own company's: another customer's order is not found."""
        try:
            order_sudo = self._document_check_access("sale.order", order_id)
        except (AccessError, MissingError):
            return None
        customer = request.env.user.partner_id.commercial_partner_id
        if (
            order_sudo.state != "sale"
            or order_sudo.partner_id.commercial_partner_id != customer
        ):
            return None
        return order_sudo

    @http.route(
        "/my/orders/<int:order_id>/complaint",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_order_complaint(self, order_id, **post):
        env = request.env
        order_sudo = self._service_order_for_complaint(order_id)
        if not order_sudo:
            raise request.not_found()
        return self._portal_complaint_form(
            "service_quality_sale.portal_order_complaint",
            post,
            default_subject=env._(
                "Complaint about order %(order)s", order=order_sudo.name
            ),
            extra_values={"sale_order": order_sudo},
            # The order's company is the complaint's (multi-company).
            complaints=env["service.complaint"]
            .sudo()
            .with_company(order_sudo.company_id)
            .with_context(default_sale_order_id=order_sudo.id),
        )
