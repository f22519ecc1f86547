# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, fields, models

from .sale_order import GAP_RANKS


class ServiceExpectationForm(models.Model):
    _inherit = "service.expectation.form"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        ondelete="restrict",
        help="The order whose delivery the expectations are about.",
    )
    sale_user_id = fields.Many2one(
        related="sale_order_id.user_id", string="Salesperson", store=True
    )
    sale_reviewer_id = fields.Many2one(
        "res.users",
        string="Reviewer",
        index="btree_not_null",
        tracking=True,
        domain=[("share", "=", False)],
        help="Fills the form with the customer before delivery; not the "
        "salesperson.",
    )

    def _sale_gap_status(self):
        """The status shown on the order, the worst of its forms."""
        statuses = set()
        for form in self:
            threshold = form.company_id.service_gap_threshold
            if form.state in ("draft", "expectation_sent"):
                statuses.add("waiting_expectation")
            elif form.state != "done":
                statuses.add("waiting_perception")
            elif any(g.has_perception and g.gap < -threshold for g in form.gap_ids):
                statuses.add("below")
            else:
                statuses.add("met")
        return next((status for status in GAP_RANKS if status in statuses), False)

    def _sale_send_perception_after_delivery(self):
        """The perception survey, mailed once the order is delivered."""
        forms = self.filtered(lambda f: f.state == "expectation_done")
        forms.action_send_perception()
        for form in forms:
            form.sale_order_id.message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "Order delivered: perception survey of %(form)s sent.",
                    form=form.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _alert_negative_gaps(self):
        """The forms of an order alert its salesperson and the account owner
        on the order, which both of them can open; other forms as before."""
        sale_forms = self.filtered(lambda f: f.sale_order_id and not f.gap_alert_done)
        result = super(ServiceExpectationForm, self - sale_forms)._alert_negative_gaps()
        for form in sale_forms:
            short = form._short_gaps()
            if not short:
                continue
            order = form.sale_order_id
            for user in (order.user_id | form.user_id).filtered(lambda u: not u.share):
                # in each reader's language
                reader_form = form.with_context(lang=user.lang)
                order.with_context(lang=user.lang).activity_schedule(
                    "service_quality_sale.mail_activity_order_expectation_gap",
                    user_id=user.id,
                    summary=reader_form.env._(
                        "Expectation gap: act before the customer complains"
                    ),
                    note=reader_form._gap_alert_note(
                        short,
                        reader_form.env._(
                            "%(customer)s perceives the delivery of %(order)s "
                            "below their expectations:",
                            customer=form.commercial_partner_id.display_name,
                            order=order.name,
                        ),
                    ),
                )
            form.gap_alert_done = True
        return result
