# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestAgentAppraisal(KpiCommon):
    def appraisal(self, user=None):
        return self.as_company(user)["service.agent.appraisal"]

    def test_rates_per_agent_are_exact_in_the_pivot(self):
        groups = self.appraisal()._read_group(
            [
                ("kind", "=", "complaint"),
                ("date", ">=", "2026-01-01"),
                ("date", "<=", "2026-01-31"),
            ],
            ["user_id"],
            ["complaint_count:sum", "response_on_time:avg", "reopened:avg"],
        )
        rows = {
            user: (count, on_time, reopened)
            for user, count, on_time, reopened in groups
        }
        # Agent A1: C1 on time, C2 late, C5 never answered; C2 reopened of
        # the received C1, C2, C5 (the reopen rate's cohort, as the KPI's).
        count, on_time, reopened = rows[self.agent_1]
        self.assertEqual(count, 3)
        self.assertAlmostEqual(on_time, 100 / 3)
        self.assertAlmostEqual(reopened, 100 / 3)
        # Agent A2: C3 and C4 answered on time.
        count, on_time, reopened = rows[self.agent_2]
        self.assertEqual(count, 2)
        self.assertAlmostEqual(on_time, 100.0)

    def test_each_rate_has_its_sample_size(self):
        groups = self.appraisal()._read_group(
            [("date", ">=", "2026-01-01"), ("date", "<=", "2026-01-31")],
            ["user_id"],
            ["response_count:sum", "resolution_count:sum"],
        )
        rows = {user: counts for user, *counts in groups}
        # Agent A1: C1, C2 answered and C5 past its deadline; C1, C2 resolved
        # and C5 past its deadline. Agent A2: C3, C4 answered; C3 resolved
        # and C4 past its deadline.
        self.assertEqual(rows[self.agent_1], [3, 3])
        self.assertEqual(rows[self.agent_2], [2, 2])

    def test_the_same_rate_per_team(self):
        groups = self.appraisal()._read_group(
            [("kind", "=", "complaint"), ("date", "<=", "2026-01-31")],
            ["team_id"],
            ["resolution_on_time:avg"],
        )
        rows = dict(groups)
        # Team A: C1 on time, C2 and C5 late. Team B: C3 on time, C4 late,
        # C8 (December) late.
        self.assertAlmostEqual(rows[self.team_a], 100 / 3)
        self.assertAlmostEqual(rows[self.team_b], 100 / 3)

    def test_agents_see_only_their_own_appraisal(self):
        rows = self.appraisal(self.agent_1).search([])
        self.assertTrue(rows)
        self.assertEqual(rows.mapped("user_id"), self.agent_1)
        manager_rows = self.appraisal().search([])
        self.assertEqual(manager_rows.mapped("user_id"), self.agent_1 | self.agent_2)
