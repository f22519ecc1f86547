# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import JAN_1, JAN_31, KpiCommon


@tagged("post_install", "-at_install")
class TestKpiComplaints(KpiCommon):
    """Complaint KPIs of January 2026 against the numbers worked out by hand
    in common.KpiCommon's table."""

    def test_complaint_count_excludes_cancelled_and_other_months(self):
        # C1..C5; C6 is February, C7 cancelled, C8 December.
        self.assertEqual(self.total("complaint_count")["value"], 5)

    def test_first_response_percentiles(self):
        # First responses of January: 1, 3, 5, 2 working hours.
        self.assertAlmostEqual(self.total("frt_median")["value"], 2.5)
        # percentile_cont(0.9) of 1, 2, 3, 5: 3 + 0.7 * (5 - 3)
        self.assertAlmostEqual(self.total("frt_p90")["value"], 4.4)
        self.assertEqual(self.total("frt_median")["n"], 4)

    def test_resolution_percentiles(self):
        # Resolved in January: 8, 20, 10 working hours.
        self.assertAlmostEqual(self.total("resolution_median")["value"], 10.0)
        # percentile_cont(0.9) of 8, 10, 20: 10 + 0.8 * (20 - 10)
        self.assertAlmostEqual(self.total("resolution_p90")["value"], 18.0)

    def test_sla_compliance(self):
        # Response: C1, C3, C4 on time; C2 late, C5 never answered.
        response = self.total("sla_response")
        self.assertAlmostEqual(response["value"], 60.0)
        self.assertEqual(response["n"], 5)
        # Resolution: C1, C3 on time; C2 late, C4 and C5 past the deadline.
        self.assertAlmostEqual(self.total("sla_resolution")["value"], 40.0)

    def test_small_samples_are_flagged_with_their_interval(self):
        response = self.total("sla_response")
        self.assertFalse(response["significant"], "5 cases < minimum sample 30")
        # Wilson interval of 3 / 5 at 95 %.
        self.assertAlmostEqual(response["ci_low"], 23.07, places=1)
        self.assertAlmostEqual(response["ci_high"], 88.24, places=1)
        self.assertTrue(self.total("complaint_count")["significant"])

    def test_reopen_and_escalation_rates(self):
        # Received in January: 5 (C7 cancelled); C2 was reopened.
        self.assertAlmostEqual(self.total("reopen_rate")["value"], 20.0)
        # Received in January: 5; C2 escalated.
        self.assertAlmostEqual(self.total("escalation_rate")["value"], 20.0)

    def test_reopen_rate_keeps_a_reopened_case_still_open(self):
        # The customer reopens C3 (fed back): its resolution is cleared, it is
        # open again, and it still counts as reopened in January's cohort.
        self.cases["c3"].write({"stage_id": self.stages["handling"].id})
        self.assertRecordValues(
            self.cases["c3"], [{"date_resolved": False, "reopen_count": 1}]
        )
        rate = self.total("reopen_rate")
        self.assertAlmostEqual(rate["value"], 40.0)  # C2, C3 of C1..C5
        self.assertEqual(rate["n"], 5)
        # Team B received C3 and C4, neither resolved now: 1 reopened of 2,
        # not a blank (nor 0 %).
        team_b = self.total("reopen_rate", filters={"team": self.team_b.ids})
        self.assertAlmostEqual(team_b["value"], 50.0)

    def test_backlog_and_breached_open_at_the_end_of_each_month(self):
        kpis = self.kpis("backlog", "breached_open").with_env(self.as_company())
        figures = kpis._figures(date(2025, 12, 1), date(2026, 2, 28), "month")
        backlog = {f["period"]: f["value"] for f in figures[kpis[0]]}
        breached = {f["period"]: f["value"] for f in figures[kpis[1]]}
        # December: C8. January: C3 (fed back, not closed), C4, C5, C8.
        # February: + C6.
        self.assertEqual(
            backlog,
            {date(2025, 12, 1): 1, date(2026, 1, 1): 4, date(2026, 2, 1): 5},
        )
        # Breached and open: C8 since December, C4 and C5 since January.
        self.assertEqual(
            breached,
            {date(2025, 12, 1): 1, date(2026, 1, 1): 3, date(2026, 2, 1): 3},
        )

    def test_complaint_rate_per_active_customers(self):
        # 5 complaints; active customers: the 5 of the test company (the idle
        # tier does not count) and the customers shared by all companies.
        active = len(
            self.env["res.partner"]
            .search(
                [
                    ("service_tier_id.count_as_active", "=", True),
                    ("company_id", "in", [False, self.company.id]),
                ]
            )
            .filtered(lambda partner: partner.commercial_partner_id == partner)
        )
        self.assertAlmostEqual(
            self.total("complaint_rate_customers")["value"], 5 * 100.0 / active
        )
        # Per tier: tier 1 has 4 active customers and C1, C3, C4.
        kpi = self.kpi("complaint_rate_customers").with_env(self.as_company())
        rows = kpi._figures(JAN_1, JAN_31, cuts=("tier",))[kpi]
        by_tier = {row["keys"]["tier"]: row["value"] for row in rows}
        self.assertAlmostEqual(by_tier[self.tier_1.id], 75.0)
        self.assertAlmostEqual(by_tier[self.tier_2.id], 200.0)
        # Per company (the monthly snapshot's cut): shared customers count too.
        rows = kpi._figures(JAN_1, JAN_31, cuts=("company",))[kpi]
        self.assertEqual(len(rows), 1)
        self.assertAlmostEqual(rows[0]["value"], 5 * 100.0 / active)

    def test_cut_by_team_and_agent(self):
        kpi = self.kpi("complaint_count").with_env(self.as_company())
        rows = kpi._figures(JAN_1, JAN_31, cuts=("team", "agent"))[kpi]
        counts = {
            (row["keys"]["team"], row["keys"]["agent"]): row["value"] for row in rows
        }
        self.assertEqual(
            counts,
            {
                (self.team_a.id, self.agent_1.id): 3,
                (self.team_b.id, self.agent_2.id): 2,
            },
        )
        # Filtered to team B only.
        total = self.total("complaint_count", filters={"team": self.team_b.ids})
        self.assertEqual(total["value"], 2)

    def test_cut_by_week(self):
        kpi = self.kpi("complaint_count").with_env(self.as_company())
        rows = kpi._figures(JAN_1, JAN_31, "week")[kpi]
        by_week = {row["period"]: row["value"] for row in rows}
        # ISO weeks start on Monday: Jan 5 (C1, C2), Jan 12 (C3), Jan 19
        # (C4), Jan 26 (C5).
        self.assertEqual(
            by_week,
            {
                date(2026, 1, 5): 2,
                date(2026, 1, 12): 1,
                date(2026, 1, 19): 1,
                date(2026, 1, 26): 1,
            },
        )

    def test_periods_follow_the_users_time_zone(self):
        # Received on Jan 31 at 20:00 UTC: February 1st in Shanghai.
        late = self._make_open_case("late", datetime(2026, 1, 31, 20))
        self.assertTrue(late)
        kpi = self.kpi("complaint_count")
        utc = kpi.with_env(self.as_company())._totals(JAN_1, JAN_31)
        self.assertEqual(utc[kpi]["value"], 6)
        shanghai = kpi.with_env(self.as_company()).with_context(tz="Asia/Shanghai")
        figures = shanghai._totals(JAN_1, JAN_31)
        self.assertEqual(figures[kpi]["value"], 5)

    def test_days_follow_daylight_saving_time(self):
        # Paris moves from UTC+1 to UTC+2 on 2026-03-29: local midnight is
        # 23:00 UTC the day before, then 22:00 UTC. Each case is 30 minutes
        # after a local midnight.
        for name, received in (
            ("before", datetime(2026, 3, 28, 23, 30)),  # March 29, 00:30
            ("after", datetime(2026, 3, 29, 22, 30)),  # March 30, 00:30
        ):
            self._make_open_case(name, received)
        kpi = (
            self.kpi("complaint_count")
            .with_env(self.as_company())
            .with_context(tz="Europe/Paris")
        )
        rows = kpi._figures(date(2026, 3, 28), date(2026, 3, 31), "day")[kpi]
        self.assertEqual(
            {row["period"]: row["value"] for row in rows},
            {date(2026, 3, 29): 1, date(2026, 3, 30): 1},
        )

    def test_parallel_workers_setting(self):
        engine = self.env["service.kpi.engine"]
        params = self.env["ir.config_parameter"].sudo()
        self.env.cr.execute("SHOW max_parallel_workers_per_gather")
        server_default = self.env.cr.fetchone()[0]

        def workers_inside():
            with engine._analytics_settings():
                self.env.cr.execute("SHOW max_parallel_workers_per_gather")
                return self.env.cr.fetchone()[0]

        self.assertEqual(workers_inside(), "1", "one worker by default")
        params.set_param("kpi_dashboard.parallel_workers", "3")
        self.assertEqual(workers_inside(), "3")
        params.set_param("kpi_dashboard.parallel_workers", "three")
        self.assertEqual(workers_inside(), "1", "a typo does not break the KPIs")
        self.env.cr.execute("SHOW max_parallel_workers_per_gather")
        self.assertEqual(self.env.cr.fetchone()[0], server_default, "reset after")

    def test_status_against_target_and_warning(self):
        kpi = self.kpi("sla_resolution")  # higher is better: 90 / 80
        self.assertEqual(kpi._status(95.0), "good")
        self.assertEqual(kpi._status(85.0), "warning")
        self.assertEqual(kpi._status(40.0), "bad")
        self.assertEqual(self.total("sla_resolution")["status"], "bad")
        backlog = self.kpi("backlog")  # lower is better: 20 / 40
        self.assertEqual(backlog._status(10), "good")
        self.assertEqual(backlog._status(30), "warning")
        self.assertEqual(backlog._status(50), "bad")

    def test_pareto_of_categories(self):
        env = self.as_company()
        rows = env["service.kpi"]._pareto("category", JAN_1, JAN_31)
        self.assertEqual(
            [(row["name"], row["count"], row["cumulative"]) for row in rows],
            [("Delivery (test)", 4, 80.0), ("Billing (test)", 1, 100.0)],
        )

    def test_other_companies_data_never_counts(self):
        # The test company's manager sees only its figures; demo data of the
        # main company has no January 2026 complaints of Team A anyway, so
        # check the opposite: from the main company, the test cases vanish.
        env = self.env(
            context=dict(
                self.env.context,
                allowed_company_ids=[self.env.ref("base.main_company").id],
            )
        )
        kpi = self.kpi("complaint_count").with_env(env)
        figures = kpi._totals(JAN_1, JAN_31, filters={"team": self.team_a.ids})
        self.assertIsNone(figures[kpi])

    def test_bad_input_is_refused(self):
        kpi = self.kpi("csat").with_env(self.as_company())
        with self.assertRaisesRegex(ValidationError, "before its start"):
            kpi._figures(JAN_31, JAN_1)
        with self.assertRaisesRegex(ValidationError, "Unknown cut"):
            kpi._figures(JAN_1, JAN_31, cuts=("planet",))
        with self.assertRaisesRegex(ValidationError, "warning level"):
            self.kpi("csat").write({"target": 80, "warning_level": 90})
        with self.assertRaisesRegex(ValidationError, "Unknown KPI computation"):
            self.kpi("csat").write({"computation": "magic"})
