# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import SurveyExtensionCommon


class TestDerivedWeight(SurveyExtensionCommon):
    def test_weights_from_correlation_with_overall_satisfaction(self):
        # Only the answers of this test count.
        self.env["service.survey.score"].search([]).unlink()
        survey = self.env["survey.survey"].create(
            {"title": "Weights", "service_kind": "perception"}
        )

        def scale(title, measure, dimension=False):
            return self.env["survey.question"].create(
                {
                    "survey_id": survey.id,
                    "title": title,
                    "question_type": "scale",
                    "scale_min": 1,
                    "scale_max": 5,
                    "service_measure": measure,
                    "dimension_id": dimension and dimension.id,
                }
            )

        overall = scale("Overall", "satisfaction")
        tangibles = scale("T", "dimension", self.dimension["tangibles"])
        reliability = scale("R", "dimension", self.dimension["reliability"])
        empathy = scale("E", "dimension", self.dimension["empathy"])
        # On 0-100: overall 0/50/100; tangibles the same (corr 1), reliability
        # the reverse (corr -1, weight 0), empathy 0/100/50 (corr 0.5):
        # cov = 2500, var = 5000 and 5000.
        for s, t, r, e in ((1, 1, 5, 1), (3, 3, 3, 5), (5, 5, 1, 3)):
            self.answer(
                self.start(survey),
                {overall: s, tangibles: t, reliability: r, empathy: e},
            )
        # A rating without overall satisfaction does not count.
        self.answer(self.start(survey), {tangibles: 2})
        self.dimension["tangibles"].action_derive_weights()
        self.assertRecordValues(
            self.dimension["tangibles"]
            | self.dimension["reliability"]
            | self.dimension["empathy"]
            | self.dimension["assurance"],
            [
                {
                    "derived_correlation": 1.0,
                    "derived_weight": 1 / 1.5,
                    "derived_sample_size": 3,
                },
                {
                    "derived_correlation": -1.0,
                    "derived_weight": 0.0,
                    "derived_sample_size": 3,
                },
                {
                    "derived_correlation": 0.5,
                    "derived_weight": 0.5 / 1.5,
                    "derived_sample_size": 3,
                },
                {
                    "derived_correlation": 0.0,
                    "derived_weight": 0.0,
                    "derived_sample_size": 0,
                },
            ],
        )
        self.dimension["empathy"].weight_source = "derived"
        self.assertAlmostEqual(self.dimension["empathy"].weight, 1 / 3, places=4)
        self.assertEqual(self.dimension["tangibles"].weight, 0.2)
