# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL


class ServicePromise(models.Model):
    _inherit = "service.promise"

    def init(self):
        # The dashboard's "as of" (service.kpi._as_of): the newest change.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS service_promise_write_date_idx"
                " ON service_promise (write_date)"
            )
        )
