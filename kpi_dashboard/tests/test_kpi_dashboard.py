# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiDashboard(KpiCommon):
    @freeze_time("2026-02-15 10:00:00")
    def test_dashboard_of_last_month(self):
        env = self.as_company()
        data = env["service.kpi"].get_dashboard_data("last_month")
        self.assertEqual(
            data["period"],
            {"start": "2026-01-01", "end": "2026-01-31", "tz": "UTC"},
        )
        tiles = {tile["code"]: tile for tile in data["tiles"]}
        self.assertEqual(tiles["COMPLAINT_COUNT"]["value"], 5)
        if "sale.order" not in self.env:
            self.assertNotIn("COMPLAINT_RATE_ORDERS", tiles, "no Sales, no tile")
        # December had 1 complaint: more complaints is bad news.
        self.assertEqual(tiles["COMPLAINT_COUNT"]["previous"], 1)
        self.assertEqual(
            tiles["COMPLAINT_COUNT"]["trend"], {"arrow": "up", "good": False}
        )
        sla = tiles["SLA_RESOLUTION"]
        self.assertAlmostEqual(sla["value"], 40.0)
        self.assertEqual(sla["status"], "bad")
        self.assertFalse(sla["significant"])
        self.assertAlmostEqual(sla["ci_low"], 11.76, places=1)
        # 12 months of trend, January's figure in its place.
        self.assertEqual(len(data["months"]), 12)
        self.assertEqual(data["months"][-2:], ["2026-01", "2026-02"])
        self.assertEqual(tiles["COMPLAINT_COUNT"]["series"][-2:], [5, 1])
        # Causes: Delivery first with 80 % of January's complaints.
        self.assertEqual(data["causes"]["category"][0]["name"], "Delivery (test)")
        self.assertAlmostEqual(data["causes"]["category"][0]["cumulative"], 80.0)
        # League: both teams, with their complaint counts.
        league = {row["name"]: row for row in data["league"]["team"]}
        self.assertEqual(league["Team A"]["complaint_count"]["value"], 3)
        self.assertEqual(league["Team B"]["complaint_count"]["value"], 2)
        agents = {row["name"] for row in data["league"]["agent"]}
        self.assertEqual(agents, {"Agent A1", "Agent A2"})

    @freeze_time("2026-02-15 10:00:00")
    def test_dashboard_opens_on_the_last_complete_month(self):
        env = self.as_company()
        data = env["service.kpi"].get_dashboard_data()
        self.assertEqual(
            data["period"],
            {"start": "2026-01-01", "end": "2026-01-31", "tz": "UTC"},
        )
        this_month = env["service.kpi"].get_dashboard_data("this_month")
        self.assertEqual(this_month["period"]["start"], "2026-02-01")

    @freeze_time("2026-02-15 10:00:00")
    def test_root_cause_not_set_is_a_data_quality_figure(self):
        cause = self.env["service.root.cause"].create({"name": "Courier (test)"})
        # In SQL, as the rest of the cases' history (common.py): c1 and c4
        # (not resolved: it counts in the Pareto all the same).
        self.env.cr.execute(
            "UPDATE service_complaint SET root_cause_id = %s WHERE id IN %s",
            (cause.id, (self.cases["c1"].id, self.cases["c4"].id)),
        )
        data = self.as_company()["service.kpi"].get_dashboard_data("last_month")
        causes = data["causes"]
        # The Pareto holds real causes only: c1 and c4, 100 % of them.
        self.assertEqual(
            [(c["name"], c["count"], c["cumulative"]) for c in causes["root_cause"]],
            [("Courier (test)", 2, 100.0)],
        )
        # Resolved in January: c1, c2 (closed) and c3 (fed back); only c1
        # has a cause.
        missing = causes["root_cause_missing"]
        self.assertEqual((missing["resolved"], missing["missing"]), (3, 2))
        self.assertAlmostEqual(missing["share"], 200 / 3)

    @freeze_time("2026-02-15 10:00:00")
    def test_dashboard_filtered_by_team(self):
        env = self.as_company()
        data = env["service.kpi"].get_dashboard_data("last_month", [self.team_b.id])
        tiles = {tile["code"]: tile for tile in data["tiles"]}
        self.assertEqual(tiles["COMPLAINT_COUNT"]["value"], 2)
        self.assertEqual([row["name"] for row in data["league"]["team"]], ["Team B"])

    @freeze_time("2026-02-15 10:00:00")
    def test_dashboard_shows_the_companys_closed_month_to_a_manager_abroad(self):
        # Received on Jan 31 at 20:00 UTC: February 1st in Shanghai.
        self._make_open_case("late", datetime(2026, 1, 31, 20))
        self.company.partner_id.tz = "Asia/Shanghai"
        Snapshot = self.env["service.kpi.snapshot"].with_env(self.as_company())
        Snapshot._snapshot_month(date(2026, 1, 1), self.company)
        Snapshot._close_months(date(2026, 2, 1), self.company)
        env = self.as_company()
        env = env(context=dict(env.context, tz="America/New_York"))
        data = env["service.kpi"].get_dashboard_data("last_month")
        self.assertEqual(data["period"]["tz"], "Asia/Shanghai")
        self.assertIn("company's time zone (Asia/Shanghai)", data["months_note"])
        tiles = {tile["code"]: tile for tile in data["tiles"]}
        self.assertEqual(tiles["COMPLAINT_COUNT"]["value"], 5, "January's snapshot")
        self.assertEqual(tiles["COMPLAINT_COUNT"]["series"][-2:], [5, 2])

    def test_dashboard_is_for_managers(self):
        env = self.as_company(self.agent_1)
        with self.assertRaisesRegex(AccessError, "Only service managers"):
            env["service.kpi"].get_dashboard_data()
