# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiSnapshot(KpiCommon):
    def snapshots(self, **domain):
        search = [("company_id", "=", self.company.id)]
        search += [(key, "=", value) for key, value in domain.items()]
        return self.env["service.kpi.snapshot"].search(search)

    def snapshot_month(self, month=date(2026, 1, 1)):
        Snapshot = self.env["service.kpi.snapshot"].with_env(self.as_company())
        return Snapshot._snapshot_month(month, self.company)

    def test_month_snapshot_per_company_team_tier(self):
        self.snapshot_month()
        count = self.kpi("complaint_count")
        company_row = self.snapshots(kpi_id=count.id, scope="company")
        self.assertEqual(company_row.value, 5)
        self.assertEqual(company_row.month, date(2026, 1, 1))
        teams = {
            row.team_id: row.value
            for row in self.snapshots(kpi_id=count.id, scope="team")
        }
        self.assertEqual(teams, {self.team_a: 3, self.team_b: 2})
        tiers = {
            row.tier_id: row.value
            for row in self.snapshots(kpi_id=count.id, scope="tier")
        }
        self.assertEqual(tiers, {self.tier_1: 3, self.tier_2: 2})
        cells = {
            (row.team_id, row.tier_id): row.value
            for row in self.snapshots(kpi_id=count.id, scope="team_tier")
        }
        self.assertEqual(
            cells,
            {
                (self.team_a, self.tier_1): 1,
                (self.team_a, self.tier_2): 2,
                (self.team_b, self.tier_1): 2,
            },
        )
        sla = self.snapshots(kpi_id=self.kpi("sla_resolution").id, scope="company")
        self.assertAlmostEqual(sla.value, 40.0)
        self.assertEqual(sla.status, "bad")
        self.assertFalse(sla.significant)
        self.assertEqual(sla.sample_size, 5)

    def test_pivot_totals_do_not_average_different_kpis(self):
        self.snapshot_month()
        Snapshot = self.env["service.kpi.snapshot"].with_env(self.as_company())
        domain = [("company_id", "=", self.company.id), ("scope", "=", "company")]
        count, sla = self.kpi("complaint_count"), self.kpi("sla_resolution")
        # Per KPI (the pivot's rows): each KPI's own figure.
        rows = Snapshot.read_group(
            domain + [("kpi_id", "in", (count | sla).ids)],
            ["value:avg", "sample_size:sum"],
            ["kpi_id"],
            lazy=False,
        )
        values = {row["kpi_id"][0]: row["value"] for row in rows}
        self.assertEqual(values[count.id], 5)
        self.assertAlmostEqual(values[sla.id], 40.0)
        # The Total row over both (5 cases and 40 %): no figure, not 22.5.
        [total] = Snapshot.read_group(
            domain + [("kpi_id", "in", (count | sla).ids)],
            ["value:avg", "sample_size:sum"],
            [],
            lazy=False,
        )
        self.assertIs(total["value"], False)
        self.assertIs(total["sample_size"], False)
        self.assertEqual(total["__count"], 2)
        # One KPI alone keeps its total.
        [alone] = Snapshot.read_group(
            domain + [("kpi_id", "=", sla.id)], ["value:avg"], [], lazy=False
        )
        self.assertAlmostEqual(alone["value"], 40.0)

    def test_recompute_of_an_open_month_replaces_its_rows(self):
        self.snapshot_month()
        first = self.snapshots(kpi_id=self.kpi("complaint_count").id, scope="company")
        self.cases["c4"].sudo().write({"date_received": date(2026, 2, 10)})
        self.snapshot_month()
        rows = self.snapshots(kpi_id=self.kpi("complaint_count").id, scope="company")
        self.assertEqual(len(rows), 1, "no duplicate snapshot")
        self.assertEqual(rows.value, 4)
        self.assertFalse(first.exists())

    def test_closed_month_is_frozen(self):
        self.snapshot_month()
        Snapshot = self.env["service.kpi.snapshot"]
        Snapshot._close_months(date(2026, 2, 1), self.company)
        row = self.snapshots(kpi_id=self.kpi("complaint_count").id, scope="company")
        self.assertEqual(row.state, "closed")
        # Later changes of the cases do not alter the closed month...
        self.cases["c4"].sudo().write({"date_received": date(2026, 2, 10)})
        self.assertFalse(self.snapshot_month())
        self.assertEqual(row.value, 5)
        # ...and nobody can edit, delete or recompute it.
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            row.with_user(self.manager).write({"value": 99})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            row.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "frozen"):
            row.with_user(self.manager).action_recompute()

    def test_cron_fills_open_months_and_closes_after_grace_days(self):
        Snapshot = self.env["service.kpi.snapshot"]
        with freeze_time("2026-02-03 08:00:00"):
            Snapshot._cron_snapshot()
        january = self.snapshots(month=date(2026, 1, 1), scope="company")
        self.assertTrue(january)
        self.assertEqual(set(january.mapped("state")), {"open"}, "grace period")
        self.assertTrue(self.snapshots(month=date(2026, 2, 1)))
        with freeze_time("2026-02-06 08:00:00"):
            Snapshot._cron_snapshot()
            Snapshot._cron_snapshot()  # idempotent
        january = self.snapshots(month=date(2026, 1, 1), scope="company")
        self.assertEqual(set(january.mapped("state")), {"closed"})
        self.assertEqual(
            len(january.filtered(lambda s: s.kpi_id == self.kpi("complaint_count"))), 1
        )
        february = self.snapshots(month=date(2026, 2, 1))
        self.assertEqual(set(february.mapped("state")), {"open"})

    def test_cron_closes_by_the_companys_calendar_day(self):
        # 2026-02-05 20:00 UTC is already February 6th in Shanghai: past the
        # grace days there, whatever the server's or the scheduler's zone.
        self.company.partner_id.tz = "Asia/Shanghai"
        Snapshot = self.env["service.kpi.snapshot"].with_context(tz="UTC")
        with freeze_time("2026-02-05 20:00:00"):
            Snapshot._cron_snapshot()
        january = self.snapshots(month=date(2026, 1, 1), scope="company")
        self.assertTrue(january)
        self.assertEqual(set(january.mapped("state")), {"closed"})

    def test_only_managers_recompute(self):
        self.snapshot_month()
        row = self.snapshots(kpi_id=self.kpi("complaint_count").id, scope="company")
        with self.assertRaisesRegex(UserError, "Only service managers"):
            row.with_user(self.agent_1).action_recompute()
        row.with_user(self.manager).action_recompute()
        self.assertEqual(
            self.snapshots(
                kpi_id=self.kpi("complaint_count").id, scope="company"
            ).value,
            5,
        )

    def test_agents_see_only_their_own_teams_snapshots(self):
        self.snapshot_month()
        leader = self._user(
            "kpi_leader_b", "Leader B", "service_quality.group_service_user"
        )
        self.team_b.user_id = leader
        Snapshot = self.env["service.kpi.snapshot"]
        everything = self.snapshots()
        company_rows = everything.filtered(lambda s: not s.team_id)
        self.assertTrue(company_rows)
        for user, team in (
            (self.agent_1, self.team_a),
            (self.agent_2, self.team_b),
            (leader, self.team_b),
        ):
            seen = Snapshot.with_user(user).search([])
            self.assertEqual(
                seen, everything.filtered(lambda s, t=team: s.team_id == t)
            )
            other = everything.filtered(lambda s, t=team: s.team_id not in (t, False))
            with self.assertRaises(AccessError):
                other[:1].with_user(user).read(["value"])
            with self.assertRaises(AccessError):
                company_rows[:1].with_user(user).read(["value"])
        self.assertEqual(Snapshot.with_user(self.manager).search([]), everything)

    def test_snapshot_menu_is_for_managers(self):
        menu = self.env.ref("kpi_dashboard.menu_kpi_snapshots")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.manager)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.agent_1)._visible_menu_ids())

    def test_trends_read_closed_months_from_their_snapshots(self):
        self.snapshot_month()
        self.env["service.kpi.snapshot"]._close_months(date(2026, 2, 1), self.company)
        # A January case moves to February after January was closed.
        self.cases["c4"].sudo().write({"date_received": date(2026, 2, 10)})
        count = self.kpi("complaint_count").with_env(self.as_company())
        jan_1, feb_28 = date(2026, 1, 1), date(2026, 2, 28)

        def by_month(figures):
            return {f["period"]: f["value"] for f in figures[count]}

        computed = count._figures(jan_1, feb_28, "month")
        self.assertEqual(by_month(computed), {date(2026, 1, 1): 4, date(2026, 2, 1): 2})
        # As closed: January keeps its five cases; February, open, is computed.
        served = count._figures(jan_1, feb_28, "month", snapshots=True)
        self.assertEqual(by_month(served), {date(2026, 1, 1): 5, date(2026, 2, 1): 2})
        self.assertEqual(
            count._totals(jan_1, date(2026, 1, 31), snapshots=True)[count]["value"], 5
        )
        # By team from the team rows, with their sample and status.
        by_team = count._figures(
            jan_1, date(2026, 1, 31), cuts=("team",), snapshots=True
        )[count]
        self.assertEqual(
            {f["keys"]["team"]: f["value"] for f in by_team},
            {self.team_a.id: 3, self.team_b.id: 2},
        )
        # One team's figure is its team row; two teams' figure cannot be made
        # of the rows of each, nor an agent's, nor a part of the month: those
        # are computed.
        team_a = count._totals(
            jan_1, date(2026, 1, 31), {"team": self.team_a.ids}, snapshots=True
        )[count]
        self.assertEqual(team_a["value"], 3)
        both = count._totals(
            jan_1,
            date(2026, 1, 31),
            {"team": (self.team_a | self.team_b).ids},
            snapshots=True,
        )[count]
        self.assertEqual(both["value"], 4)
        self.assertEqual(
            count._totals(jan_1, date(2026, 1, 15), snapshots=True)[count]["value"],
            count._totals(jan_1, date(2026, 1, 15))[count]["value"],
        )
        # Statistics keep their interval, and a figure without one has none.
        sla = self.kpi("sla_resolution").with_env(self.as_company())
        figure = sla._totals(jan_1, date(2026, 1, 31), snapshots=True)[sla]
        self.assertAlmostEqual(figure["value"], 40.0)
        self.assertLess(figure["ci_low"], 40.0)
        self.assertGreater(figure["ci_high"], 40.0)
        self.assertFalse(figure["significant"])
        self.assertEqual(figure["status"], "bad")
        median = self.kpi("frt_median").with_env(self.as_company())
        figure = median._totals(jan_1, date(2026, 1, 31), snapshots=True)[median]
        self.assertIsNone(figure["ci_low"])

    def test_months_are_the_companys_own(self):
        # Received on Jan 31 at 20:00 UTC: February 1st in Shanghai.
        self._make_open_case("late", datetime(2026, 1, 31, 20))
        self.company.partner_id.tz = "Asia/Shanghai"
        self.snapshot_month()  # by the scheduler, whose zone is UTC
        count = self.kpi("complaint_count")
        row = self.snapshots(kpi_id=count.id, scope="company")
        self.assertEqual(row.value, 5, "January in Shanghai")
        self.env["service.kpi.snapshot"]._close_months(date(2026, 2, 1), self.company)
        jan_1, jan_31 = date(2026, 1, 1), date(2026, 1, 31)
        shanghai = count.with_env(self.as_company()).with_context(tz="Asia/Shanghai")
        self.assertEqual(
            shanghai._totals(jan_1, jan_31, snapshots=True)[count]["value"], 5
        )
        # A manager elsewhere (UTC, New York) gets the company's months too:
        # the closed January from its snapshot, the open February computed
        # in Shanghai time (C6 and the late case).
        feb_1, feb_28 = date(2026, 2, 1), date(2026, 2, 28)
        for tz in ("UTC", "America/New_York"):
            reader = count.with_env(self.as_company()).with_context(tz=tz)
            self.assertEqual(
                reader._totals(jan_1, jan_31, snapshots=True)[count]["value"], 5, tz
            )
            self.assertEqual(
                reader._totals(feb_1, feb_28, snapshots=True)[count]["value"], 2, tz
            )
            trend = reader._figures(jan_1, feb_28, "month", snapshots=True)[count]
            self.assertEqual(
                {f["period"]: f["value"] for f in trend}, {jan_1: 5, feb_1: 2}, tz
            )
