# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import tempfile
from urllib.parse import urlencode

from werkzeug.exceptions import BadRequest
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import content_disposition, request


class KpiExportController(http.Controller):
    @http.route(
        "/kpi_dashboard/workbook",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
    )
    def download_workbook(self, **params):
        """Stream the KPI workbook of the wizard's values given in the URL.

        Read-only: with ``db_replica_host`` set, Odoo runs it on the replica.
        It writes nothing (no wizard, no attachment, no message): the
        workbook is built from an unsaved wizard and written to a temporary
        file (xlsxwriter flushes its rows there as it goes), sent from disk,
        never held in memory."""
        try:
            wizard = request.env["service.kpi.export"]._from_workbook_params(params)
        except ValidationError as error:
            raise BadRequest(error.args[0]) from error
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

    @http.route(
        "/kpi_dashboard/export/<int:wizard_id>",
        type="http",
        auth="user",
        readonly=True,
    )
    def export_kpis(self, wizard_id):
        """The download of a saved wizard (older links): redirects to the
        read-only download of its values."""
        wizard = request.env["service.kpi.export"].browse(wizard_id).exists()
        if not wizard:
            raise request.not_found()
        wizard._check_export_rights()
        return request.redirect(
            f"/kpi_dashboard/workbook?{urlencode(wizard._workbook_params())}"
        )
