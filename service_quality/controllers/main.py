# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http, tools
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

# Limits of the files attached to a complaint by a customer, unless the
# ir.config_parameter records below say otherwise.
MAX_FILES_PARAM = "service_quality.complaint_attachment_max_count"
MAX_SIZE_PARAM = "service_quality.complaint_attachment_max_mb"
DEFAULT_MAX_FILES = 3
DEFAULT_MAX_SIZE_MB = 10
# Longest subject and description a customer may send, in characters: enough
# for any real complaint, not for a 100 000-character paste.
MAX_SUBJECT_PARAM = "service_quality.complaint_subject_max_length"
MAX_DESCRIPTION_PARAM = "service_quality.complaint_description_max_length"
DEFAULT_MAX_SUBJECT = 200
DEFAULT_MAX_DESCRIPTION = 20000
# A field people do not see and robots fill in.
HONEYPOT = "website_address"


def _int_param(name, default):
    value = request.env["ir.config_parameter"].sudo().get_param(name)
    try:
        return int(value) if value else default
    except ValueError:
        return default


def attachment_limits():
    """Values for the forms: how many files of which size may be attached,
    how long the subject and the description may be."""
    max_files = _int_param(MAX_FILES_PARAM, DEFAULT_MAX_FILES)
    max_size_mb = _int_param(MAX_SIZE_PARAM, DEFAULT_MAX_SIZE_MB)
    return {
        "max_files": max_files,
        "max_size_mb": max_size_mb,
        "max_subject_length": _int_param(MAX_SUBJECT_PARAM, DEFAULT_MAX_SUBJECT),
        "max_description_length": _int_param(
            MAX_DESCRIPTION_PARAM, DEFAULT_MAX_DESCRIPTION
        ),
        "limits_text": request.env._(
            "At most %(count)s files of %(size)s MB each.",
            count=max_files,
            size=max_size_mb,
        ),
    }


def check_text_limits(subject, description):
    """Refuse a subject or a description longer than the limits.

    :raise ValidationError: with the limit and the length sent
    """
    env = request.env
    for text, param, default, label in (
        (subject, MAX_SUBJECT_PARAM, DEFAULT_MAX_SUBJECT, env._("The subject")),
        (
            description,
            MAX_DESCRIPTION_PARAM,
            DEFAULT_MAX_DESCRIPTION,
            env._("The description"),
        ),
    ):
        limit = _int_param(param, default)
        if len(text or "") > limit:
            raise ValidationError(
                env._(
                    "%(field)s may be at most %(limit)s characters long; yours "
                    "has %(length)s. Please shorten it (you can attach a file).",
                    field=label,
                    limit=limit,
                    length=len(text),
                )
            )


def read_uploaded_files(uploads):
    """``(name, content)`` of the uploaded files, within limits.

    :raise UserError: too many files, or a file too large
    """
    env = request.env
    uploads = [upload for upload in uploads if upload and upload.filename]
    max_files = _int_param(MAX_FILES_PARAM, DEFAULT_MAX_FILES)
    max_size_mb = _int_param(MAX_SIZE_PARAM, DEFAULT_MAX_SIZE_MB)
    if len(uploads) > max_files:
        raise UserError(
            env._("You can attach at most %(count)s files.", count=max_files)
        )
    files = []
    for upload in uploads:
        content = upload.read(max_size_mb * 1024 * 1024 + 1)
        if len(content) > max_size_mb * 1024 * 1024:
            raise UserError(
                env._(
                    "The file %(name)s is larger than %(size)s MB.",
                    name=upload.filename,
                    size=max_size_mb,
                )
            )
        files.append((upload.filename, content))
    return files


def text_to_html(text):
    return tools.plaintext2html(text.strip()) if text and text.strip() else False


class ServiceComplaintPublic(http.Controller):
    """The public complaint form: no login, no website module."""

    def _public_form_values(self, **post):
        return {
            "values": {
                key: (post.get(key) or "").strip()
                for key in ("contact_name", "email", "phone", "subject", "description")
            },
            "error": False,
            **attachment_limits(),
        }

    @http.route(
        "/complaint/new",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
    )
    def complaint_public_form(self, **post):
        values = self._public_form_values(**post)
        if request.httprequest.method != "POST":
            return request.render("service_quality.complaint_public_form", values)
        if post.get(HONEYPOT):
            # Robots get the same page as people, and nothing is created.
            return request.render(
                "service_quality.complaint_public_thanks", {"reference": False}
            )
        try:
            with request.env.cr.savepoint():
                complaint = self._create_public_complaint(values["values"])
        except (UserError, ValidationError) as error:
            values["error"] = error.args[0]
            return request.render("service_quality.complaint_public_form", values)
        return request.render(
            "service_quality.complaint_public_thanks",
            {"reference": complaint.reference},
        )

    def _create_public_complaint(self, values):
        env = request.env
        missing = [
            label
            for key, label in (
                ("contact_name", env._("your name")),
                ("subject", env._("a subject")),
                ("description", env._("a description")),
            )
            if not values[key]
        ]
        if missing:
            raise ValidationError(
                env._("Please fill in %(fields)s.", fields=", ".join(missing))
            )
        check_text_limits(values["subject"], values["description"])
        if not values["email"] and not values["phone"]:
            raise ValidationError(
                env._("Please give an email address or a phone number.")
            )
        email = values["email"] and tools.email_normalize(values["email"])
        if values["email"] and not email:
            raise ValidationError(
                env._(
                    "“%(email)s” is not a valid email address.", email=values["email"]
                )
            )
        files = read_uploaded_files(request.httprequest.files.getlist("attachments"))
        ip_address = request.httprequest.remote_addr or "unknown"
        Submission = env["service.complaint.submission"].sudo()
        Submission._check_rate(ip_address)
        Partner = env["res.partner"].sudo()
        # A known customer is recognised by their email; nobody files a
        # complaint in the name of the staff.
        partner = email and Partner.search(
            [
                ("email", "=ilike", email),
                ("user_ids", "not any", [("share", "=", False)]),
            ],
            limit=1,
        )
        if not partner:
            partner = Partner.create(
                {
                    "name": values["contact_name"],
                    "email": email or False,
                    "phone": values["phone"] or False,
                }
            )
        complaint = (
            env["service.complaint"]
            .sudo()
            ._create_from_customer(
                partner,
                values["subject"],
                text_to_html(values["description"]),
                env.ref("service_quality.service_channel_web_form"),
                files,
            )
        )
        Submission._record_submission(ip_address, complaint)
        return complaint
