# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import tempfile

from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import content_disposition, request


class KpiExportController(http.Controller):
    @http.route("/kpi_dashboard/export/<int:wizard_id>", type="http", auth="user")
    def export_kpis(self, wizard_id):
        """Stream the KPI workbook of an export wizard.

        The workbook is written to a temporary file (xlsxwriter flushes its
        rows there as it goes) and sent from disk, never held in memory."""
        wizard = request.env["service.kpi.export"].browse(wizard_id).exists()
        if not wizard:
            raise request.not_found()
        wizard._check_export_rights()
        # Closed with the response; removed by the OS once closed.
        output = tempfile.TemporaryFile()  # pylint: disable=consider-using-with
        wizard._write_workbook(output)
        size = output.tell()
        output.seek(0)
        response = request.make_response(
            wrap_file(request.httprequest.environ, output),
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(wizard._filename())),
                ("Content-Length", str(size)),
            ],
        )
        response.direct_passthrough = True
        return response
