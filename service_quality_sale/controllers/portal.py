# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.service_quality.controllers.main import (
    attachment_limits,
    check_text_limits,
    read_uploaded_files,
    text_to_html,
)


class ServiceSalePortal(CustomerPortal):
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
        default_subject = env._(
            "Complaint about order %(order)s", order=order_sudo.name
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "complaint_new",
                "sale_order": order_sudo,
                "values": {
                    "subject": (post.get("subject") or default_subject).strip(),
                    "description": (post.get("description") or "").strip(),
                },
                "error": False,
                **attachment_limits(),
            }
        )
        template = "service_quality_sale.portal_order_complaint"
        if request.httprequest.method != "POST":
            return request.render(template, values)
        try:
            with env.cr.savepoint():
                if (
                    not values["values"]["subject"]
                    or not values["values"]["description"]
                ):
                    raise ValidationError(
                        env._("Please fill in a subject and a description.")
                    )
                check_text_limits(
                    values["values"]["subject"], values["values"]["description"]
                )
                files = read_uploaded_files(
                    request.httprequest.files.getlist("attachments")
                )
                complaint = (
                    env["service.complaint"]
                    .sudo()
                    # The order's company is the complaint's (multi-company).
                    .with_company(order_sudo.company_id)
                    .with_context(default_sale_order_id=order_sudo.id)
                    ._create_from_customer(
                        env.user.partner_id,
                        values["values"]["subject"],
                        text_to_html(values["values"]["description"]),
                        env.ref("service_quality.service_channel_portal"),
                        files,
                    )
                )
        except (UserError, ValidationError) as error:
            values["error"] = error.args[0]
            return request.render(template, values)
        return request.redirect(f"/my/complaints/{complaint.id}")
