# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_promise_bottom_line = fields.Text(
        string="Promises: Bottom Line",
        help="What staff may not promise customers (the company's bottom line). "
        "Shown on every new promise.",
    )

    def _service_chatter_lang(self):
        """The language of what the system logs in a record's chatter.

        A chatter is read by the whole service team, not by one person, so
        it is written in the company's language (its partner's), falling
        back to the current user's; activities and notifications, which have
        one reader, are written in that reader's language instead."""
        self.ensure_one()
        return self.partner_id.lang or self.env.lang or "en_US"
