# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from odoo.tests import tagged

from .common import JAN_1, JAN_31, KpiCommon


@tagged("post_install", "-at_install")
class TestKpiScores(KpiCommon):
    """Satisfaction, NPS, CSI, SERVQUAL gap, first-contact resolution,
    promises kept and survey response rate of January 2026, on score records
    whose figures are worked out by hand in each test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "KPI test survey",
                "service_kind": "csat",
                "question_and_page_ids": [
                    (0, 0, {"title": title, "question_type": "numerical_box"})
                    for title in ("satisfaction", "nps", "fcr", "dim 1", "dim 2", "exp")
                ],
            }
        )
        cls.questions = dict(
            zip(
                ("satisfaction", "nps", "fcr", "dim_1", "dim_2", "exp"),
                cls.survey.question_ids,
                strict=True,
            )
        )
        Dimension = cls.env["service.quality.dimension"]
        cls.dim_1 = Dimension.create(
            {"name": "Dim 1", "code": "KPI_D1", "stated_weight": 0.6}
        )
        cls.dim_2 = Dimension.create(
            {"name": "Dim 2", "code": "KPI_D2", "stated_weight": 0.4}
        )

    def answer(self, day, team, agent, sent=None, done=True, month=1, **scores):
        """A survey answer of the test company and its score records."""
        user_input = self.env["survey.user_input"].create(
            {
                "survey_id": self.survey.id,
                "partner_id": self.customer_1.id,
                "state": "done" if done else "new",
                "service_company_id": self.company.id,
                "service_team_id": team.id,
                "service_agent_id": agent.id,
                "service_date_sent": sent or datetime(2026, month, day, 8),
            }
        )
        common = {
            "user_input_id": user_input.id,
            "survey_id": self.survey.id,
            "service_kind": "csat",
            "date": datetime(2026, month, day, 10),
            "company_id": self.company.id,
            "partner_id": self.customer_1.id,
            "tier_id": self.tier_1.id,
            "team_id": team.id,
            "user_id": agent.id,
        }
        values = []
        if "satisfaction" in scores:
            value = scores["satisfaction"]
            values.append(
                dict(
                    common,
                    question_id=self.questions["satisfaction"].id,
                    measure="satisfaction",
                    value=value,
                    is_satisfied=value >= 66,
                )
            )
        if "nps" in scores:
            native = scores["nps"]
            category = (
                "promoter" if native >= 9 else "passive" if native >= 7 else "detractor"
            )
            values.append(
                dict(
                    common,
                    question_id=self.questions["nps"].id,
                    measure="nps",
                    value=native * 10,
                    native_value=native,
                    native_max=10,
                    nps_category=category,
                )
            )
        if "fcr" in scores:
            values.append(
                dict(
                    common,
                    question_id=self.questions["fcr"].id,
                    measure="fcr",
                    value=100 if scores["fcr"] else 0,
                )
            )
        for key, dimension in (("dim_1", self.dim_1), ("dim_2", self.dim_2)):
            if key in scores:
                values.append(
                    dict(
                        common,
                        question_id=self.questions[key].id,
                        measure="dimension",
                        dimension_id=dimension.id,
                        value=scores[key],
                    )
                )
        if "expected" in scores:
            values.append(
                dict(
                    common,
                    question_id=self.questions["exp"].id,
                    measure="dimension",
                    service_kind="expectation",
                    dimension_id=self.dim_1.id,
                    value=scores["expected"],
                )
            )
        self.env["service.survey.score"].sudo().create(values)
        return user_input

    def test_satisfaction_nps_and_fcr(self):
        # Satisfaction on the 4-level scale: 100, 66.67 and 100 satisfied,
        # 33.33 and 0 not: CSAT 3 / 5 = 60 %, mean 60.
        # NPS answers 10, 9, 9, 7, 2: 3 promoters, 1 detractor: NPS 40.
        # First contact: yes, yes, no: 66.67 %.
        a, b = self.team_a, self.team_b
        self.answer(5, a, self.agent_1, satisfaction=100, nps=10, fcr=True)
        self.answer(6, a, self.agent_1, satisfaction=66.67, nps=9, fcr=True)
        self.answer(7, b, self.agent_2, satisfaction=33.33, nps=9, fcr=False)
        self.answer(8, b, self.agent_2, satisfaction=0, nps=7)
        self.answer(9, a, self.agent_1, satisfaction=100, nps=2)
        # February: outside the period.
        self.answer(1, a, self.agent_1, month=2, satisfaction=0)
        csat = self.total("csat")
        self.assertAlmostEqual(csat["value"], 60.0)
        self.assertEqual(csat["n"], 5)
        self.assertFalse(csat["significant"])
        self.assertAlmostEqual(self.total("satisfaction_mean")["value"], 60.0)
        self.assertAlmostEqual(self.total("nps")["value"], 40.0)
        self.assertAlmostEqual(self.total("fcr")["value"], 200 / 3)
        # Per team: A has 100, 66.67, 100 -> 100 % satisfied.
        kpi = self.kpi("csat").with_env(self.as_company())
        by_team = {
            f["keys"]["team"]: f["value"]
            for f in kpi._figures(JAN_1, JAN_31, cuts=("team",))[kpi]
        }
        self.assertEqual(by_team, {self.team_a.id: 100.0, self.team_b.id: 0.0})

    def test_satisfaction_index_weights_dimensions(self):
        # Dim 1 (weight 0.6) rated 80, Dim 2 (0.4) rated 50:
        # CSI = (80 * 0.6 + 50 * 0.4) / (0.6 + 0.4) = 68; the expectation
        # side (90) is no perception and does not count.
        self.answer(12, self.team_a, self.agent_1, dim_1=80, dim_2=50, expected=90)
        self.assertAlmostEqual(self.total("csi")["value"], 68.0)
        # Cut by dimension: each dimension's own mean.
        kpi = self.kpi("csi").with_env(self.as_company())
        by_dimension = {
            f["keys"]["dimension"]: f["value"]
            for f in kpi._figures(JAN_1, JAN_31, cuts=("dimension",))[kpi]
        }
        self.assertEqual(by_dimension, {self.dim_1.id: 80.0, self.dim_2.id: 50.0})

    def _gaps(self):
        """Dim 1 expected 90 and perceived 70, Dim 2 expected 60 and
        perceived 75, in January."""
        form = self.env["service.expectation.form"].create(
            {
                "name": "KPI test form",
                "partner_id": self.customer_1.id,
                "company_id": self.company.id,
                "team_id": self.team_a.id,
                "user_id": self.agent_1.id,
            }
        )
        Gap = self.env["service.expectation.gap"].sudo()
        for dimension, expectation, perception, day in (
            (self.dim_1, 90, 70, 10),
            (self.dim_2, 60, 75, 11),
        ):
            Gap.create(
                {
                    "form_id": form.id,
                    "dimension_id": dimension.id,
                    "expectation": expectation,
                    "perception": perception,
                    "gap": perception - expectation,
                    "has_perception": True,
                    "date": datetime(2026, 1, day, 10),
                }
            )

    def test_servqual_gap(self):
        self._gaps()
        # Gaps -20 and +15: mean -2.5.
        self.assertAlmostEqual(self.total("servqual_gap")["value"], -2.5)
        rows = self.as_company()["service.kpi"]._servqual(JAN_1, JAN_31)
        self.assertEqual(
            [(r["name"], r["expectation"], r["perception"], r["gap"]) for r in rows],
            [("Dim 1", 90.0, 70.0, -20.0), ("Dim 2", 60.0, 75.0, 15.0)],
        )

    def test_importance_performance_quadrants(self):
        self._gaps()
        kpi_model = self.as_company()["service.kpi"]
        # Nothing derived yet: the stated weights 0.6 and 0.4; cross-hairs at
        # the means, importance 0.5 and performance 72.5.
        ipa = kpi_model._ipa(JAN_1, JAN_31)
        self.assertFalse(ipa["derived"])
        self.assertAlmostEqual(ipa["importance_cut"], 0.5)
        self.assertAlmostEqual(ipa["performance_cut"], 72.5)
        quadrants = {
            p["name"]: (p["quadrant"], p["quadrant_label"]) for p in ipa["points"]
        }
        self.assertEqual(
            quadrants,
            {
                "Dim 1": ("concentrate", "Concentrate here"),
                "Dim 2": ("overkill", "Possible overkill"),
            },
        )
        # Derived from the answers, Dim 2 matters more: it is kept up, and
        # the weak Dim 1 becomes a low priority.
        self.dim_1.write({"derived_weight": 0.3, "derived_sample_size": 40})
        self.dim_2.write({"derived_weight": 0.7, "derived_sample_size": 40})
        ipa = kpi_model._ipa(JAN_1, JAN_31)
        self.assertTrue(ipa["derived"])
        quadrants = {p["name"]: p["quadrant"] for p in ipa["points"]}
        self.assertEqual(quadrants, {"Dim 1": "low_priority", "Dim 2": "keep_up"})

    def test_importance_performance_in_the_workbook(self):
        self._gaps()
        wizard = self.as_company()["service.kpi.export"].create(
            {
                "date_from": JAN_1,
                "date_to": JAN_31,
                "company_ids": [(6, 0, self.company.ids)],
                "include_details": False,
            }
        )
        output = io.BytesIO()
        wizard._write_workbook(output)
        output.seek(0)
        sheet = openpyxl.load_workbook(output)["Importance-Performance"]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(
            [row[:5] for row in rows[1:3]],
            [
                ["Dim 1", 0.6, 70.0, 1, "Concentrate here"],
                ["Dim 2", 0.4, 75.0, 1, "Possible overkill"],
            ],
        )
        [chart] = sheet._charts
        self.assertEqual(len(chart.series), 2, "one series per quadrant shown")

    def test_promises_kept(self):
        Promise = self.env["service.promise"].sudo()
        for state, done in (
            ("kept", date(2026, 1, 5)),
            ("kept", date(2026, 1, 20)),
            ("broken", date(2026, 1, 22)),
            ("kept", date(2026, 2, 2)),
            ("open", False),
        ):
            promise = Promise.create(
                {
                    "name": f"Promise {state}",
                    "partner_id": self.customer_1.id,
                    "company_id": self.company.id,
                    "team_id": self.team_a.id,
                    "user_id": self.agent_1.id,
                    "date_promised": datetime(2026, 1, 2, 9),
                    "date_due": date(2026, 1, 25),
                }
            )
            if state != "open":
                self.env.cr.execute(
                    "UPDATE service_promise SET state = %s, date_done = %s "
                    "WHERE id = %s",
                    (state, done, promise.id),
                )
        Promise.invalidate_model()
        # January: 2 kept, 1 broken.
        self.assertAlmostEqual(self.total("promise_kept")["value"], 200 / 3)

    def test_survey_response_rate(self):
        # 4 invitations sent in January, 1 answered; one sent in December.
        self.answer(5, self.team_a, self.agent_1, satisfaction=100)
        for day in (6, 7, 8):
            self.answer(day, self.team_a, self.agent_1, done=False)
        self.answer(
            20, self.team_b, self.agent_2, sent=datetime(2025, 12, 20, 8), done=False
        )
        response = self.total("response_rate")
        self.assertAlmostEqual(response["value"], 25.0)
        self.assertEqual(response["n"], 4)

    def test_response_rate_of_a_past_month_answered_the_next_month(self):
        """Invitations count in the month they were sent, and so do their
        answers, whenever they come: January's rate is that of January's
        invitations, February (none sent) has no rate. Late answers raise
        January's rate until January is closed; its snapshot keeps it then."""
        survey = self.survey.sudo()
        invitations = []
        for day in (26, 28, 30):
            with freeze_time(datetime(2026, 1, day, 8)):
                invitations.append(
                    survey._create_answer(
                        partner=self.customer_1,
                        check_attempts=False,
                        service_company_id=self.company.id,
                        service_team_id=self.team_a.id,
                        service_agent_id=self.agent_1.id,
                    )
                )
        Snapshot = self.env["service.kpi.snapshot"]
        kpi = self.kpi("response_rate")

        def answer(user_input, moment):
            with freeze_time(moment):
                user_input._save_lines(self.questions["satisfaction"], "80")
                user_input._mark_done()

        def snapshot():
            return Snapshot.search(
                [
                    ("kpi_id", "=", kpi.id),
                    ("company_id", "=", self.company.id),
                    ("scope", "=", "company"),
                    ("month", "=", JAN_1),
                ]
            )

        answer(invitations[0], datetime(2026, 2, 2, 10))
        with freeze_time("2026-02-03 08:00:00"):
            Snapshot._cron_snapshot()
        self.assertRecordValues(
            snapshot(), [{"value": round(100 / 3, 2), "state": "open"}]
        )
        answer(invitations[1], datetime(2026, 2, 4, 10))
        with freeze_time("2026-02-06 08:00:00"):
            Snapshot._cron_snapshot()  # after the grace days: January closes
        self.assertRecordValues(
            snapshot(), [{"value": round(200 / 3, 2), "state": "closed"}]
        )
        answer(invitations[2], datetime(2026, 2, 9, 10))
        with freeze_time("2026-02-20 10:00:00"):
            january = self.total("response_rate")
            february = self.total("response_rate", date(2026, 2, 1), date(2026, 2, 28))
            trend = kpi.with_env(self.as_company())._figures(
                JAN_1, date(2026, 2, 28), "month"
            )[kpi]
            data = self.as_company()["service.kpi"].get_dashboard_data("last_month")
        self.assertAlmostEqual(january["value"], 100.0)
        self.assertEqual(january["n"], 3)
        self.assertIsNone(february, "no invitation sent in February")
        self.assertEqual([f["period"] for f in trend], [JAN_1])
        # The dashboard's January is the closed month's snapshot.
        tile = next(t for t in data["tiles"] if t["code"] == "RESPONSE_RATE")
        self.assertAlmostEqual(tile["value"], 200 / 3, places=2)
