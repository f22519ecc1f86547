# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

GAP_STATUSES = [
    ("waiting_expectation", "Waiting for Expectations"),
    ("waiting_perception", "Waiting for Perception"),
    ("met", "Expectations Met"),
    ("below", "Below Expectations"),
]
# The worst first: an order shows the worst status of its forms.
GAP_RANKS = ["below", "waiting_expectation", "waiting_perception", "met"]
# Forms whose perception survey the delivery cron sends per run.
PERCEPTION_BATCH = 200


class SaleOrder(models.Model):
    _inherit = "sale.order"

    service_expectation_form_ids = fields.One2many(
        "service.expectation.form", "sale_order_id", string="Expectation Forms"
    )
    service_expectation_form_count = fields.Integer(
        compute="_compute_service_expectation", compute_sudo=True
    )
    service_gap_status = fields.Selection(
        GAP_STATUSES,
        string="Expectation Gap",
        compute="_compute_service_expectation",
        compute_sudo=True,
        search="_search_service_gap_status",
        help="Where the order's expectation form stands: perception below "
        "expectation on some dimension by more than the company's threshold "
        "is “Below Expectations”.",
    )
    service_complaint_ids = fields.One2many(
        "service.complaint", "sale_order_id", string="Complaints"
    )
    service_complaint_count = fields.Integer(
        compute="_compute_service_complaint_count", compute_sudo=True
    )

    @api.depends(
        "service_expectation_form_ids.state",
        "service_expectation_form_ids.gap_ids.gap",
    )
    def _compute_service_expectation(self):
        for order in self:
            forms = order.service_expectation_form_ids.filtered(
                lambda f: f.state != "cancelled"
            )
            order.service_expectation_form_count = len(forms)
            order.service_gap_status = forms._sale_gap_status() if forms else False

    def _search_service_gap_status(self, operator, value):
        """The orders by gap status, ranked in SQL as _sale_gap_status does
        (the worst form of the order wins)."""
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Unsupported search on the expectation gap."))
        values = [value] if operator in ("=", "!=") else list(value)
        wanted = [GAP_RANKS.index(status) for status in values if status in GAP_RANKS]
        self.env["service.expectation.form"].flush_model()
        self.env["service.expectation.gap"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT f.sale_order_id, MIN(CASE
                         WHEN f.state IN ('draft', 'expectation_sent') THEN 1
                         WHEN f.state != 'done' THEN 2
                         WHEN EXISTS (
                             SELECT 1 FROM service_expectation_gap g
                              WHERE g.form_id = f.id AND g.has_perception
                                AND g.gap < -company.service_gap_threshold)
                         THEN 0
                         ELSE 3 END)
                  FROM service_expectation_form f
                  JOIN res_company company ON company.id = f.company_id
                 WHERE f.sale_order_id IS NOT NULL AND f.state != 'cancelled'
                 GROUP BY f.sale_order_id
                """
            )
        )
        status_of = dict(self.env.cr.fetchall())
        matching = [order_id for order_id, rank in status_of.items() if rank in wanted]
        if False in values or None in values:  # orders without a form
            domain = [("id", "not in", [i for i in status_of if i not in matching])]
        else:
            domain = [("id", "in", matching)]
        if operator in ("!=", "not in"):
            domain = ["!", *domain]
        return domain

    @api.depends("service_complaint_ids")
    def _compute_service_complaint_count(self):
        counts = dict(
            self.env["service.complaint"]._read_group(
                [("sale_order_id", "in", self.ids)],
                groupby=["sale_order_id"],
                aggregates=["__count"],
            )
        )
        for order in self:
            order.service_complaint_count = counts.get(order, 0)

    # ------------------------------------------------------------------
    # Confirmation: the expectation form
    # ------------------------------------------------------------------
    def _action_confirm(self):
        result = super()._action_confirm()
        self._service_create_expectation_forms()
        return result

    def _service_expectation_reviewer(self):
        """The tier's reviewer, else the company's, else the leader of the
        reviewing team; never the salesperson, whose customer's expectations
        would otherwise be filtered through the sale."""
        self.ensure_one()
        company = self.company_id
        candidates = (
            self.partner_id.commercial_partner_id.service_tier_id.sale_reviewer_id,
            company.service_sale_reviewer_id,
            company.service_sale_team_id.user_id,
        )
        for user in candidates:
            if user and user != self.user_id:
                return user
        return self.env["res.users"]

    def _service_review_deadline(self):
        """A few days before delivery, and not in the past."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        delivery = self.commitment_date or self.expected_date
        if not delivery:
            return today
        delivery_day = fields.Date.context_today(self, delivery)
        due = delivery_day - timedelta(days=self.company_id.service_sale_review_days)
        return max(due, today)

    def _service_create_expectation_forms(self):
        """One expectation form per confirmed order of a tier that asks for
        it (created as superuser: a portal customer may confirm by signing)."""
        Form = self.env["service.expectation.form"].sudo()
        for order in self.sudo():
            customer = order.partner_id.commercial_partner_id
            if not customer.service_tier_id.sale_expectation_form:
                continue
            if order.service_expectation_form_ids.filtered(
                lambda f: f.state != "cancelled"
            ):
                continue  # confirmed again after a cancellation
            reviewer = order._service_expectation_reviewer()
            owner = customer.user_id if not customer.user_id.share else False
            form = Form.create(
                {
                    # a name the service team reads: in the company's language
                    "name": order.with_context(
                        lang=order.company_id._service_chatter_lang()
                    ).env._("Expectations for %(order)s", order=order.name),
                    "partner_id": order.partner_id.id,
                    "sale_order_id": order.id,
                    "res_ref": f"sale.order,{order.id}",
                    "user_id": (owner or order.user_id).id,
                    "sale_reviewer_id": reviewer.id,
                    "team_id": order.company_id.service_sale_team_id.id,
                    "company_id": order.company_id.id,
                }
            )
            if reviewer:
                form.activity_schedule(
                    "service_quality_sale.mail_activity_expectation_review",
                    date_deadline=order._service_review_deadline(),
                    user_id=reviewer.id,
                    summary=_("Fill in the expectation form with the customer"),
                    note=_(
                        "Before %(order)s is delivered, ask %(customer)s what must "
                        "go right.",
                        order=order.name,
                        customer=customer.display_name,
                    ),
                )
            order.message_post(
                body=Markup("<p>%s</p>")
                % (
                    _(
                        "Expectation form %(form)s created, reviewed by %(reviewer)s.",
                        form=form.name,
                        reviewer=reviewer.name,
                    )
                    if reviewer
                    else _(
                        "Expectation form %(form)s created without a reviewer: set "
                        "one on the customer tier or the company.",
                        form=form.name,
                    )
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Delivery: the perception survey
    # ------------------------------------------------------------------
    @api.model
    def _service_delivered_forms_query(self, order_ids=None, limit=None):
        """Forms waiting for their perception survey whose order is delivered:
        every product line's delivered quantity reaches the ordered one (set
        by hand with Sales alone, by the done pickings with Inventory)."""
        return SQL(
            """
            SELECT f.id FROM service_expectation_form f
              JOIN sale_order so ON so.id = f.sale_order_id
             WHERE f.state = 'expectation_done' AND so.state = 'sale'
               AND %(orders)s
               AND EXISTS (
                   SELECT 1 FROM sale_order_line l
                    WHERE l.order_id = so.id AND l.display_type IS NULL
                      AND l.is_downpayment IS NOT TRUE AND l.product_uom_qty > 0)
               AND NOT EXISTS (
                   SELECT 1 FROM sale_order_line l
                    WHERE l.order_id = so.id AND l.display_type IS NULL
                      AND l.is_downpayment IS NOT TRUE
                      AND l.qty_delivered < l.product_uom_qty)
             ORDER BY f.id %(limit)s
            """,
            orders=SQL("so.id = ANY(%s)", order_ids)
            if order_ids is not None
            else SQL("TRUE"),
            limit=SQL("LIMIT %s", limit) if limit else SQL(""),
        )

    def _service_send_perception_if_delivered(self):
        self.env.flush_all()
        self.env.cr.execute(self._service_delivered_forms_query(self.ids))
        form_ids = [row[0] for row in self.env.cr.fetchall()]
        forms = self.env["service.expectation.form"].sudo().browse(form_ids)
        forms._sale_send_perception_after_delivery()
        return forms

    @api.model
    def _cron_service_send_perception(self):
        """Perception surveys of the orders delivered since the last run, in
        batches: the scheduler runs the cron again while some remain."""
        self.env.flush_all()
        self.env.cr.execute(
            self._service_delivered_forms_query(limit=PERCEPTION_BATCH + 1)
        )
        form_ids = [row[0] for row in self.env.cr.fetchall()]
        batch = self.env["service.expectation.form"].browse(form_ids[:PERCEPTION_BATCH])
        batch._sale_send_perception_after_delivery()
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(form_ids) - len(batch)
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_service_expectation_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality_sale.service_expectation_form_action_sale"
        )
        forms = self.service_expectation_form_ids
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"default_sale_order_id": self.id, "create": False}
        if len(forms) == 1:
            action.update(views=[(False, "form")], res_id=forms.id)
        return action

    def action_view_service_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_complaint_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {
            "default_sale_order_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def action_service_complain(self):
        """A new complaint about this order, prefilled."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_quality.service_complaint_action"
        )
        action.update(
            views=[(False, "form")],
            context={
                "default_sale_order_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
        return action

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _service_create_demo_orders(self):
        """Orders of top and large customers at each step: expectation form to
        fill, waiting for delivery, delivered with met expectations and with a
        gap; and complaints about orders."""
        ref = self.env.ref
        salesperson = ref("base.user_demo", raise_if_not_found=False) or ref(
            "base.user_admin"
        )
        products = [
            ref("product.product_product_6"),
            ref("product.product_delivery_01"),
            ref("product.product_product_1"),
        ]
        # (customer contact, products, expectation levels, perception levels)
        plans = [
            ("service_quality.partner_hongda_chen", [0, 2], None, None),
            ("service_quality.partner_hongda_chen", [1], (4, 5, 4), None),
            ("service_quality.partner_xingchen_liu", [0, 1], (4, 4, 3), (5, 4, 4)),
            ("service_quality.partner_xingchen_liu", [0], (5, 5, 4), (4, 2, 3)),
            ("service_quality.partner_meijia_zhao", [1, 2], None, None),
        ]
        codes = ("tangibles", "reliability", "responsiveness")
        orders = self.browse()
        for xmlid, product_indexes, expected, perceived in plans:
            order = self.create(
                {
                    "partner_id": ref(xmlid).id,
                    "user_id": salesperson.id,
                    "order_line": [
                        Command.create(
                            {"product_id": products[i].id, "product_uom_qty": 2}
                        )
                        for i in product_indexes
                    ],
                }
            )
            order.action_confirm()
            orders |= order
            # An identifier of the addon: the demo orders leave with it.
            self.env["ir.model.data"].create(
                {
                    "module": "service_quality_sale",
                    "name": f"demo_order_{len(orders)}",
                    "model": "sale.order",
                    "res_id": order.id,
                    "noupdate": True,
                }
            )
            form = order.service_expectation_form_ids[:1]
            if form:  # demo records of Chinese customers are Chinese records
                form.name = form.with_context(lang=order.partner_id.lang).env._(
                    "Expectations for %(order)s", order=order.name
                )
            if not form or not expected:
                continue
            # Filled in with the customer: no invitation mail in the demo.
            form.action_fill_expectation()
            user_input = form.expectation_input_id
            for code, level in zip(codes, expected, strict=True):
                user_input._save_lines(
                    ref(f"survey_extension.expectation_{code}_importance"), "4"
                )
                user_input._save_lines(
                    ref(f"survey_extension.expectation_{code}_level"), str(level)
                )
            user_input._mark_done()
            if not perceived:
                continue
            for line in order.order_line:
                line.qty_delivered = line.product_uom_qty
            user_input = form.perception_input_id
            for code, level in zip(codes, perceived, strict=True):
                user_input._save_lines(
                    ref(f"survey_extension.perception_{code}"), str(level)
                )
            user_input._mark_done()
        Complaint = self.env["service.complaint"]
        for order, subject in (
            (orders[3], "柜门安装歪了"),
            (orders[3], "送货晚了两天"),
            (orders[4], "椅子少了一把"),
        ):
            Complaint.create(
                {
                    "name": subject,
                    "partner_id": order.partner_id.id,
                    "sale_order_id": order.id,
                    "user_id": ref("service_quality.user_agent_wang").id,
                    "team_id": ref("service_quality.team_after_sales").id,
                    "channel_id": ref("service_quality.service_channel_phone").id,
                }
            )
