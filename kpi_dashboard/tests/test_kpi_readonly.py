# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What may run on a read replica (``db_replica_host``): the reads are
read-only, the writes are not, and the workbook download writes nothing.
tools/replica_check.py runs the same reads against a real replica."""

import io

import openpyxl

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import JAN_1, JAN_31, KpiCommon

# (model, method) the web client calls over RPC.
READS = [
    ("service.kpi", "get_dashboard_data"),
    ("service.agent.appraisal", "web_search_read"),
    ("service.agent.appraisal", "web_read_group"),
    ("service.agent.appraisal", "read_group"),
    ("service.kpi.snapshot", "web_read_group"),
]
WRITES = [
    ("service.kpi.snapshot", "action_recompute"),
    ("service.kpi.snapshot", "action_recompute_current"),
    ("service.kpi.export", "action_export"),
]


def rpc_is_read_only(env, model, method):
    """What /web/dataset/call_kw decides (DataSet._call_kw_readonly)."""
    for cls in type(env[model]).mro():
        function = getattr(cls, method, None)
        if function is not None and hasattr(function, "_readonly"):
            return function._readonly
    return False


@tagged("post_install", "-at_install")
class TestKpiReadonly(KpiCommon):
    def test_reads_run_read_only_writes_on_the_primary(self):
        for model, method in READS:
            self.assertTrue(rpc_is_read_only(self.env, model, method), method)
        for model, method in WRITES:
            self.assertFalse(rpc_is_read_only(self.env, model, method), method)

    def test_dashboard_says_as_of_when(self):
        env = self.as_company()
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE service_complaint SET write_date = '2030-01-02 03:04:05'"
            " WHERE id = %s",
            [self.cases["c3"].id],
        )
        # A newer change of another company is not this dashboard's data.
        other = self.env["res.company"].create({"name": "KPI Other Company"})
        other_case = self.env["service.complaint"].create(
            {
                "name": "Other company's case",
                "partner_id": self.env["res.partner"].create({"name": "Other"}).id,
                "company_id": other.id,
            }
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE service_complaint SET write_date = '2031-01-01' WHERE id = %s",
            [other_case.id],
        )
        data = env["service.kpi"].get_dashboard_data("last_month")
        self.assertEqual(data["as_of"], "2030-01-02 03:04:05")

    def test_workbook_parameters_round_trip_unsaved(self):
        env = self.as_company()
        Export = env["service.kpi.export"]
        wizard = Export.create(
            {
                "date_from": JAN_1,
                "date_to": JAN_31,
                "company_ids": [(6, 0, self.company.ids)],
                "team_ids": [(6, 0, self.team_b.ids)],
                "include_details": False,
            }
        )
        params = {k: str(v) for k, v in wizard._workbook_params().items()}
        self.assertEqual(
            params,
            {
                "date_from": "2026-01-01",
                "date_to": "2026-01-31",
                "company_ids": str(self.company.id),
                "team_ids": str(self.team_b.id),
                "tier_ids": "",
                "include_details": "0",
            },
        )
        count = Export.search_count([])
        unsaved = Export._from_workbook_params(params)
        self.assertFalse(unsaved.id, "built with new(): nothing written")
        self.assertEqual(Export.search_count([]), count)
        self.assertEqual(unsaved.team_ids._origin, self.team_b)
        self.assertEqual(unsaved.company_ids._origin, self.company)
        self.assertFalse(unsaved.include_details)
        output = io.BytesIO()
        unsaved._write_workbook(output)
        output.seek(0)
        book = openpyxl.load_workbook(output)
        summary = {row[0]: row for row in book["Summary"].iter_rows(values_only=True)}
        self.assertEqual(summary[self.kpi("complaint_count").name][3], 2)
        self.assertNotIn("Complaints", book.sheetnames)
        action = wizard.action_export()
        self.assertTrue(action["url"].startswith("/kpi_dashboard/workbook?"))
        self.assertIn("date_from=2026-01-01", action["url"])

    def test_workbook_parameters_are_checked(self):
        Export = self.as_company()["service.kpi.export"]
        good = {
            "date_from": "2026-01-01",
            "date_to": "2026-01-31",
            "company_ids": str(self.company.id),
        }
        for bad, message in (
            ({"date_from": "2026-13-01"}, "a date"),
            ({"date_to": ""}, "a date"),
            ({"date_to": "2025-12-31"}, "before its start"),
            ({"team_ids": "1,x"}, "unknown records"),
            ({"tier_ids": "999999999"}, "unknown records"),
            ({"company_ids": ""}, "at least one"),
            ({"include_details": "yes"}, "0 or 1"),
            ({"limit": "5"}, "Unknown parameters"),
        ):
            with self.assertRaisesRegex(ValidationError, message):
                Export._from_workbook_params({**good, **bad})
        main = self.env.ref("base.main_company")
        with self.assertRaises(AccessError):
            Export._from_workbook_params({**good, "company_ids": str(main.id)})
        agent = self.as_company(self.agent_1)["service.kpi.export"]
        with self.assertRaises(AccessError):
            agent._from_workbook_params(good)


@tagged("post_install", "-at_install", "sq_browser")
class TestKpiReadonlyHttp(HttpCase):
    """Over HTTP, in Odoo's test mode a read-only request runs in a READ ONLY
    transaction: a write would fail and be retried read/write with a
    warning of odoo.http."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="kpi_ro_manager",
            groups="service_quality.group_service_manager",
            lang="en_US",
        )
        cls.agent = new_test_user(
            cls.env,
            login="kpi_ro_agent",
            groups="service_quality.group_service_user",
            lang="en_US",
        )
        cls.case = cls.env["service.complaint"].create(
            {
                "name": "Read-only case",
                "partner_id": cls.env["res.partner"].create({"name": "RO"}).id,
            }
        )
        received = cls.case.date_received.date()
        cls.params = (
            f"date_from={received}&date_to={received}"
            f"&company_ids={cls.env.company.id}&include_details=1"
        )

    def counts(self):
        return [
            self.env[model].sudo().search_count([])
            for model in ("ir.attachment", "mail.message", "service.kpi.export")
        ]

    def test_routes_are_read_only(self):
        routes = self.env["ir.http"].routing_map().bind("")
        endpoint, __ = routes.match("/kpi_dashboard/workbook")
        self.assertIs(endpoint.routing["readonly"], True)

    def test_workbook_download_writes_nothing(self):
        self.authenticate("kpi_ro_manager", "kpi_ro_manager")
        before = self.counts()
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(f"/kpi_dashboard/workbook?{self.params}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        subjects = [row[1] for row in book["Complaints"].iter_rows(values_only=True)]
        self.assertIn("Read-only case", subjects)
        self.assertEqual(self.counts(), before, "no attachment, message or wizard")

    def test_dashboard_rpc_runs_read_only(self):
        self.authenticate("kpi_ro_manager", "kpi_ro_manager")
        with self.assertNoLogs("odoo.http", "WARNING"):
            data = self.make_jsonrpc_request(
                "/web/dataset/call_kw/service.kpi/get_dashboard_data",
                {
                    "model": "service.kpi",
                    "method": "get_dashboard_data",
                    "args": [],
                    "kwargs": {"period": "this_month"},
                },
            )
        self.assertTrue(data["tiles"])
        self.assertTrue(data["as_of"])

    def test_workbook_refuses_bad_input_and_agents(self):
        self.authenticate("kpi_ro_manager", "kpi_ro_manager")
        response = self.url_open(
            "/kpi_dashboard/workbook?date_from=2026-02-01&date_to=2026-01-01"
            f"&company_ids={self.env.company.id}"
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("before its start", response.text)
        self.authenticate("kpi_ro_agent", "kpi_ro_agent")
        response = self.url_open(f"/kpi_dashboard/workbook?{self.params}")
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("spreadsheetml", response.headers.get("Content-Type", ""))
