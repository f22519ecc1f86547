# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.tests import TransactionCase, new_test_user

JAN_1, JAN_31 = date(2026, 1, 1), date(2026, 1, 31)


class KpiCommon(TransactionCase):
    """A company of its own (so demo data never leaks into the figures), two
    teams, two agents, two tiers and hand-written complaints of January 2026
    whose KPIs are worked out by hand in the tests.

    ====  ============  ======  ===========  ========  ==========  =========
    case  received      team    1st resp. h  resol. h  SLA resp.   SLA res.
    ====  ============  ======  ===========  ========  ==========  =========
    C1    Jan 5         A / a1  1 (Jan 5)    8 (Jan 6) on time     on time
    C2    Jan 6         A / a1  3 (Jan 6)    20 (Jan 9) late       late
    C3    Jan 12        B / a2  5 (Jan 12)   10 (Jan13) on time    on time
    C4    Jan 20        B / a2  2 (Jan 20)   -         on time     late
    C5    Jan 28        A / a1  -            -         late        late
    C6    Feb 2         A / a1  4 (Feb 2)    -         (February)
    C7    Jan 15        cancelled: never counted
    C8    Dec 20 2025   B / a2  -            -         (December), still open
    ====  ============  ======  ===========  ========  ==========  =========

    C1 closed Jan 8, C2 closed Jan 10 (reopened once, escalated once); C3 fed
    back, C4 and C5 open; breaches: C4 Jan 22, C5 Jan 28, C8 Dec 20.
    Categories: C3 is "Billing", all others "Delivery".
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, lang="en_US", tz="UTC")
        )
        cls.company = cls.env["res.company"].create({"name": "KPI Test Company"})
        cls.env.user.company_ids |= cls.company
        manager = "service_quality.group_service_manager"
        agent = "service_quality.group_service_user"
        cls.manager = cls._user("kpi_manager", "KPI Manager", manager)
        cls.agent_1 = cls._user("kpi_agent_1", "Agent A1", agent)
        cls.agent_2 = cls._user("kpi_agent_2", "Agent A2", agent)
        Team = cls.env["service.team"]
        cls.team_a = Team.create(
            {
                "name": "Team A",
                "company_id": cls.company.id,
                "member_ids": [(6, 0, cls.agent_1.ids)],
            }
        )
        cls.team_b = Team.create(
            {
                "name": "Team B",
                "company_id": cls.company.id,
                "member_ids": [(6, 0, cls.agent_2.ids)],
            }
        )
        Tier = cls.env["service.customer.tier"]
        cls.tier_1 = Tier.create({"name": "Tier 1", "sequence": 1})
        cls.tier_2 = Tier.create({"name": "Tier 2", "sequence": 2})
        cls.tier_idle = Tier.create(
            {"name": "Idle", "sequence": 3, "count_as_active": False}
        )
        Partner = cls.env["res.partner"]
        cls.customer_1 = Partner.create(
            {
                "name": "Customer One",
                "is_company": True,
                "company_id": cls.company.id,
                "service_tier_id": cls.tier_1.id,
            }
        )
        cls.customer_2 = Partner.create(
            {
                "name": "Customer Two",
                "is_company": True,
                "company_id": cls.company.id,
                "service_tier_id": cls.tier_2.id,
            }
        )
        # Three more active customers (5 in all) and one idle one.
        for index in range(3):
            Partner.create(
                {
                    "name": f"Quiet Customer {index}",
                    "is_company": True,
                    "company_id": cls.company.id,
                    "service_tier_id": cls.tier_1.id,
                }
            )
        Partner.create(
            {
                "name": "Idle Customer",
                "is_company": True,
                "company_id": cls.company.id,
                "service_tier_id": cls.tier_idle.id,
            }
        )
        Category = cls.env["service.complaint.category"]
        cls.delivery = Category.create({"name": "Delivery (test)"})
        cls.billing = Category.create({"name": "Billing (test)"})
        cls.stages = {
            kind: cls.env["service.complaint.stage"].search(
                [("kind", "=", kind)], limit=1
            )
            for kind in ("handling", "fed_back", "closed", "cancelled")
        }

        def at(day, hour=9, month=1, year=2026):
            return datetime(year, month, day, hour)

        spec = {
            "c1": dict(
                team=cls.team_a,
                user=cls.agent_1,
                customer=cls.customer_1,
                received=at(5),
                first=at(5, 10),
                response_hours=1.0,
                response_deadline=at(5, 11),
                resolved=at(6, 17),
                resolution_hours=8.0,
                resolution_deadline=at(7, 17),
                closed=at(8),
                stage="closed",
            ),
            "c2": dict(
                team=cls.team_a,
                user=cls.agent_1,
                customer=cls.customer_2,
                received=at(6),
                first=at(6, 12),
                response_hours=3.0,
                response_deadline=at(6, 11),
                resolved=at(9, 17),
                resolution_hours=20.0,
                resolution_deadline=at(8, 17),
                closed=at(10),
                stage="closed",
                reopen=1,
                escalation=1,
                breach=at(6, 11),
            ),
            "c3": dict(
                team=cls.team_b,
                user=cls.agent_2,
                customer=cls.customer_1,
                received=at(12),
                first=at(12, 14),
                response_hours=5.0,
                response_deadline=at(12, 17),
                resolved=at(13, 17),
                resolution_hours=10.0,
                resolution_deadline=at(14, 17),
                stage="fed_back",
                category=cls.billing,
            ),
            "c4": dict(
                team=cls.team_b,
                user=cls.agent_2,
                customer=cls.customer_1,
                received=at(20),
                first=at(20, 11),
                response_hours=2.0,
                response_deadline=at(20, 13),
                resolution_deadline=at(22, 17),
                stage="handling",
                breach=at(22, 17),
            ),
            "c5": dict(
                team=cls.team_a,
                user=cls.agent_1,
                customer=cls.customer_2,
                received=at(28),
                response_deadline=at(28, 13),
                resolution_deadline=at(30, 17),
                stage="handling",
                breach=at(28, 13),
            ),
            "c6": dict(
                team=cls.team_a,
                user=cls.agent_1,
                customer=cls.customer_1,
                received=at(2, month=2),
                first=at(2, 13, month=2),
                response_hours=4.0,
                response_deadline=at(2, 13, month=2),
                resolution_deadline=at(4, 17, month=2),
                stage="handling",
            ),
            "c7": dict(
                team=cls.team_a,
                user=cls.agent_1,
                customer=cls.customer_1,
                received=at(15),
                stage="cancelled",
                closed=at(15, 12),
            ),
            "c8": dict(
                team=cls.team_b,
                user=cls.agent_2,
                customer=cls.customer_1,
                received=at(20, month=12, year=2025),
                response_deadline=at(20, 11, month=12, year=2025),
                resolution_deadline=at(23, 17, month=12, year=2025),
                stage="handling",
                breach=at(20, 11, month=12, year=2025),
            ),
        }
        cls.cases = {
            name: cls._make_case(name, **values) for name, values in spec.items()
        }

    @classmethod
    def _user(cls, login, name, groups):
        """A user of the test company only, in UTC."""
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=groups,
            company_id=cls.company.id,
            company_ids=[(6, 0, [cls.company.id])],
            tz="UTC",
        )

    @classmethod
    def _make_case(
        cls,
        name,
        team,
        user,
        customer,
        received,
        stage,
        category=None,
        first=None,
        response_hours=None,
        response_deadline=None,
        resolved=None,
        resolution_hours=None,
        resolution_deadline=None,
        closed=None,
        reopen=0,
        escalation=0,
        breach=None,
    ):
        """A complaint created with the ORM, then given its history in SQL:
        the KPIs read stored columns, and the history is what they measure."""
        complaint = cls.env["service.complaint"].create(
            {
                "name": f"Case {name}",
                "company_id": cls.company.id,
                "partner_id": customer.id,
                "team_id": team.id,
                "user_id": user.id,
                "category_id": (category or cls.delivery).id,
                "date_received": received,
            }
        )
        complaint.flush_recordset()
        cls.env.cr.execute(
            """
            UPDATE service_complaint
               SET stage_id = %s, is_closed = %s, date_first_response = %s,
                   response_working_hours = %s, response_deadline = %s,
                   date_resolved = %s, resolution_working_hours = %s,
                   resolution_deadline = %s, date_closed = %s, reopen_count = %s,
                   escalation_level = %s, breach_date = %s, tier_id = %s
             WHERE id = %s
            """,
            (
                cls.stages[stage].id,
                stage in ("closed", "cancelled"),
                first,
                response_hours,
                response_deadline,
                resolved,
                resolution_hours,
                resolution_deadline,
                closed,
                reopen,
                escalation,
                breach,
                customer.service_tier_id.id,
                complaint.id,
            ),
        )
        complaint.invalidate_recordset()
        return complaint

    def _make_open_case(self, name, received):
        """A case of team A in handling, received at ``received`` (UTC)."""
        return self._make_case(
            name,
            team=self.team_a,
            user=self.agent_1,
            customer=self.customer_1,
            received=received,
            stage="handling",
        )

    def kpi(self, code):
        return self.env.ref(f"kpi_dashboard.kpi_{code}")

    def kpis(self, *codes):
        return self.env["service.kpi"].browse([self.kpi(code).id for code in codes])

    def as_company(self, user=None):
        """Environment computing figures in the test company only."""
        env = self.env(user=user or self.manager)
        return env(
            context=dict(
                env.context,
                allowed_company_ids=[self.company.id],
                tz="UTC",
                lang="en_US",
            )
        )

    def total(self, code, date_from=JAN_1, date_to=JAN_31, filters=None):
        kpi = self.kpi(code).with_env(self.as_company())
        return kpi._totals(date_from, date_to, filters)[kpi]
