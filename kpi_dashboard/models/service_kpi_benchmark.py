# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ServiceKpiBenchmark(models.Model):
    _name = "service.kpi.benchmark"
    _description = "Competitor Benchmark of a KPI"
    _order = "kpi_id, date desc, id desc"

    kpi_id = fields.Many2one(
        "service.kpi", string="KPI", required=True, ondelete="cascade", index=True
    )
    competitor = fields.Char(required=True)
    value = fields.Float(required=True, digits=(16, 2))
    date = fields.Date(required=True, default=fields.Date.context_today)
    source = fields.Char(help="Where the figure comes from (study, report, survey).")
    note = fields.Text()
