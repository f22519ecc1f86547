# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .service_kpi import CASE_SOURCES


class ServiceKpiExport(models.TransientModel):
    _inherit = "service.kpi.export"

    service_sources = fields.Selection(
        CASE_SOURCES,
        string="Cases",
        default="all",
        required=True,
        help="Whose figures the complaint KPIs hold: complaints, helpdesk "
        "tickets or both.",
    )

    def _workbook_params(self):
        params = super()._workbook_params()
        if self.service_sources != "all":
            params["sources"] = self.service_sources
        return params

    @api.model
    def _from_workbook_params(self, params):
        params = dict(params)
        sources = params.pop("sources", None) or "all"
        self.env["service.kpi"]._service_sources_context(sources)  # validates
        wizard = super()._from_workbook_params(params)
        wizard.service_sources = sources
        return wizard

    def _write_workbook(self, fileobj):
        context = self.env["service.kpi"]._service_sources_context(self.service_sources)
        if context and not self.env.context.get("kpi_sources"):
            return super(
                ServiceKpiExport, self.with_context(**context)
            )._write_workbook(fileobj)
        return super()._write_workbook(fileobj)
