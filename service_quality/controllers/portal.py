# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import OrderedDict

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .main import (
    attachment_limits,
    check_text_limits,
    read_uploaded_files,
    text_to_html,
)


class ServiceComplaintPortal(CustomerPortal):
    """My complaints (我的投诉) in the customer portal, and the answers to the
    result mail (accept, reopen), which work with the complaint's token."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Complaint = request.env["service.complaint"]
        readable = Complaint.has_access("read")
        if "complaint_count" in counters:
            values["complaint_count"] = Complaint.search_count([]) if readable else 0
        if "complaint_open_count" in counters:
            # what still needs the customer's attention, as Odoo's own
            # "Quotations to review" card
            values["complaint_open_count"] = (
                Complaint.search_count([("is_closed", "=", False)]) if readable else 0
            )
        return values

    def _complaint_searchbar_sortings(self):
        env = request.env
        return {
            "date": {"label": env._("Newest"), "order": "date_received desc, id desc"},
            "reference": {"label": env._("Reference"), "order": "reference desc"},
            "stage": {"label": env._("Status"), "order": "stage_id, id desc"},
        }

    def _complaint_searchbar_filters(self):
        env = request.env
        return OrderedDict(
            [
                ("all", {"label": env._("All"), "domain": []}),
                (
                    "open",
                    {"label": env._("Open"), "domain": [("is_closed", "=", False)]},
                ),
                (
                    "closed",
                    {"label": env._("Closed"), "domain": [("is_closed", "=", True)]},
                ),
            ]
        )

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(self, page=1, sortby=None, filterby=None, **kw):
        Complaint = request.env["service.complaint"]
        sortings = self._complaint_searchbar_sortings()
        filters = self._complaint_searchbar_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = filters[filterby]["domain"]
        count = Complaint.search_count(domain) if Complaint.has_access("read") else 0
        pager = portal_pager(
            url="/my/complaints",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        complaints = (
            Complaint.search(
                domain,
                order=sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=pager["offset"],
            )
            if count
            else Complaint
        )
        request.session["my_complaints_history"] = complaints.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "complaints": complaints.sudo(),
                "page_name": "complaint",
                "pager": pager,
                "default_url": "/my/complaints",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("service_quality.portal_my_complaints", values)

    @http.route(
        "/my/complaints/<int:complaint_id>",
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_complaint(self, complaint_id, access_token=None, **kw):
        try:
            complaint_sudo = self._document_check_access(
                "service.complaint", complaint_id, access_token
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        values = self._get_page_view_values(
            complaint_sudo,
            access_token,
            {"complaint": complaint_sudo, "page_name": "complaint"},
            "my_complaints_history",
            False,
            **kw,
        )
        return request.render("service_quality.portal_my_complaint", values)

    @http.route(
        "/my/complaints/new",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_new_complaint(self, **post):
        return self._portal_complaint_form("service_quality.portal_new_complaint", post)

    def _portal_complaint_form(
        self, template, post, default_subject="", extra_values=None, complaints=None
    ):
        """Show and submit a customer's complaint form of the portal: the
        input is checked, and kept on the page with the error when refused;
        the complaint and its files are created in one savepoint.

        :param complaints: the ``service.complaint`` model (sudo) to create
            with, e.g. with a company or defaults of the caller's document
        """
        env = request.env
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "complaint_new",
                "values": {
                    "subject": (post.get("subject") or default_subject).strip(),
                    "description": (post.get("description") or "").strip(),
                },
                "error": False,
                **attachment_limits(),
                **(extra_values or {}),
            }
        )
        if request.httprequest.method != "POST":
            return request.render(template, values)
        subject = values["values"]["subject"]
        description = values["values"]["description"]
        try:
            with env.cr.savepoint():
                if not subject or not description:
                    raise ValidationError(
                        env._("Please fill in a subject and a description.")
                    )
                check_text_limits(subject, description)
                files = read_uploaded_files(
                    request.httprequest.files.getlist("attachments")
                )
                if complaints is None:
                    complaints = env["service.complaint"].sudo()
                complaint = complaints._create_from_customer(
                    env.user.partner_id,
                    subject,
                    text_to_html(description),
                    env.ref("service_quality.service_channel_portal"),
                    files,
                )
        except (UserError, ValidationError) as error:
            values["error"] = error.args[0]
            return request.render(template, values)
        return request.redirect(f"/my/complaints/{complaint.id}")

    # ------------------------------------------------------------------
    # Answers to the result mail: token-protected, no login needed
    # ------------------------------------------------------------------
    def _complaint_for_answer(self, complaint_id, access_token):
        try:
            return self._document_check_access(
                "service.complaint", complaint_id, access_token
            )
        except (AccessError, MissingError):
            return None

    def _complaint_answer(self, complaint_id, access_token, template, act, post):
        complaint_sudo = self._complaint_for_answer(complaint_id, access_token)
        if not complaint_sudo:
            raise request.not_found() from None
        values = {
            "complaint": complaint_sudo,
            "access_token": access_token,
            "post": post,
            "error": False,
            "evaluations": complaint_sudo._fields[
                "customer_evaluation"
            ]._description_selection(request.env),
        }
        if complaint_sudo.stage_id.kind != "fed_back":
            values["error"] = request.env._(
                "This complaint is not waiting for your answer any more."
            )
            values["closed"] = True
        elif request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    act(complaint_sudo)
            except (UserError, ValidationError) as error:
                values["error"] = error.args[0]
            else:
                return request.render("service_quality.complaint_answer_done", values)
        return request.render(template, values)

    @http.route(
        "/complaint/<int:complaint_id>/accept",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
    )
    def complaint_accept(self, complaint_id, access_token=None, **post):
        return self._complaint_answer(
            complaint_id,
            access_token,
            "service_quality.complaint_accept",
            lambda complaint: complaint.action_customer_accept(
                post.get("evaluation"), post.get("comment")
            ),
            post,
        )

    @http.route(
        "/complaint/<int:complaint_id>/reopen",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
    )
    def complaint_reopen(self, complaint_id, access_token=None, **post):
        return self._complaint_answer(
            complaint_id,
            access_token,
            "service_quality.complaint_reopen",
            lambda complaint: complaint.action_customer_reopen(post.get("reason")),
            post,
        )
