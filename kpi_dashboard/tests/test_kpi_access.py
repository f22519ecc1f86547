# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import JAN_1, JAN_31, KpiCommon


@tagged("post_install", "-at_install")
class TestKpiAccess(KpiCommon):
    """Who may compute which figures: managers all of them, agents those of
    their own teams only, whichever way they call (the engine reads raw SQL,
    no record rule protects it)."""

    def count(self, env, filters=None):
        figures = env["service.kpi.engine"].compute(
            ["complaint_count"], JAN_1, JAN_31, filters=filters
        )["complaint_count"]
        return sum(figure["value"] for figure in figures)

    def test_engine_refuses_agents_other_teams_and_company_wide(self):
        agent = self.as_company(self.agent_1)
        for filters in (
            None,
            {"team": self.team_b.ids},
            {"team": (self.team_a | self.team_b).ids},
            {"agent": self.agent_1.ids},
        ):
            with self.assertRaisesRegex(AccessError, "Only service managers"):
                self.count(agent, filters)
        self.assertEqual(self.count(agent, {"team": self.team_a.ids}), 3)
        self.assertEqual(
            self.count(self.as_company(self.agent_2), {"team": self.team_b.ids}), 2
        )
        self.assertEqual(self.count(self.as_company()), 5)

    def test_rpc_call_of_the_engine_is_refused(self):
        # What a JSON-RPC call_kw does: the public method, as the user.
        engine = self.env["service.kpi.engine"]
        with self.assertRaises(AccessError):
            engine.with_user(self.agent_1).compute(
                ["complaint_count", "csat"], JAN_1, JAN_31
            )
        employee = new_test_user(
            self.env,
            login="kpi_plain_employee",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.team_a.member_ids |= employee
        with self.assertRaises(AccessError):
            engine.with_user(employee).compute(
                ["complaint_count"], JAN_1, JAN_31, filters={"team": self.team_a.ids}
            )

    def test_agents_figures_and_causes_are_their_teams(self):
        agent = self.as_company(self.agent_1)
        kpi = self.kpi("complaint_count").with_env(agent)
        with self.assertRaises(AccessError):
            kpi._totals(JAN_1, JAN_31)
        by_team = kpi._figures(
            JAN_1, JAN_31, cuts=("team",), filters={"team": self.team_a.ids}
        )[kpi]
        self.assertEqual(
            [(f["keys"]["team"], f["value"]) for f in by_team], [(self.team_a.id, 3)]
        )
        # The raw-SQL helpers read the agent's teams only, as the rules do.
        rows = agent["service.kpi"]._pareto("category", JAN_1, JAN_31)
        self.assertEqual(
            [(row["name"], row["count"]) for row in rows], [("Delivery (test)", 3)]
        )

    def test_agents_read_closed_months_of_their_teams_only(self):
        Snapshot = self.env["service.kpi.snapshot"].with_env(self.as_company())
        Snapshot._snapshot_month(JAN_1, self.company)
        Snapshot._close_months(date(2026, 2, 1), self.company)
        kpi = self.kpi("complaint_count").with_env(self.as_company(self.agent_1))
        figure = kpi._totals(
            JAN_1, JAN_31, filters={"team": self.team_a.ids}, snapshots=True
        )[kpi]
        self.assertEqual(figure["value"], 3)
        with self.assertRaises(AccessError):
            kpi._totals(
                JAN_1, JAN_31, filters={"team": self.team_b.ids}, snapshots=True
            )

    def test_dashboard_recompute_and_export_are_for_managers(self):
        agent = self.as_company(self.agent_1)
        with self.assertRaisesRegex(AccessError, "Only service managers"):
            agent["service.kpi"].get_dashboard_data("last_month", self.team_a.ids)
        with self.assertRaisesRegex(AccessError, "Only service managers"):
            agent["service.kpi.snapshot"].action_recompute_current()
        # A manager exports their own companies only.
        main = self.env.ref("base.main_company")
        wizard = self.as_company()["service.kpi.export"].create(
            {"company_ids": [(6, 0, main.ids)]}
        )
        with self.assertRaisesRegex(AccessError, "no access"):
            wizard.action_export()
