# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import SurveyExtensionCommon


class TestSurveyScore(SurveyExtensionCommon):
    def test_four_level_scale_maps_to_100_67_33_0(self):
        expected = {
            "very_satisfied": (100.0, 4, True),
            "satisfied": (66.67, 3, True),
            "neutral": (33.33, 2, False),
            "dissatisfied": (0.0, 1, False),
        }
        for code, (value, native, satisfied) in expected.items():
            user_input = self.answer(
                self.start(self.csat), {self.q_satisfaction: self.level[code]}
            )
            self.assertRecordValues(
                self.scores(user_input),
                [
                    {
                        "measure": "satisfaction",
                        "service_kind": "csat",
                        "value": value,
                        "native_value": native,
                        "native_max": 4.0,
                        "is_satisfied": satisfied,
                    }
                ],
            )

    def test_five_level_scale_maps_to_100_75_50_25_0(self):
        survey = self.env["survey.survey"].create(
            {"title": "Five levels", "service_kind": "tracking"}
        )
        codes = [
            "very_satisfied",
            "satisfied",
            "neutral",
            "dissatisfied",
            "very_dissatisfied",
        ]
        question = self.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "title": "How satisfied are you?",
                "question_type": "simple_choice",
                "service_measure": "satisfaction",
                "suggested_answer_ids": [
                    Command.create(
                        {
                            "value": code,
                            "satisfaction_level_id": self.env.ref(
                                f"survey_extension.level5_{code}"
                            ).id,
                        }
                    )
                    for code in codes
                ],
            }
        )
        values = []
        for choice in question.suggested_answer_ids:
            user_input = self.answer(self.start(survey), {question: choice})
            score = self.scores(user_input)
            values.append((score.value, score.native_value, score.is_satisfied))
        self.assertEqual(
            values,
            [
                (100.0, 5.0, True),
                (75.0, 4.0, True),
                (50.0, 3.0, False),
                (25.0, 2.0, False),
                (0.0, 1.0, False),
            ],
        )

    def test_zero_to_ten_scale_is_normalised_and_categorised(self):
        cases = {
            0: (0.0, "detractor"),
            6: (60.0, "detractor"),
            7: (70.0, "passive"),
            8: (80.0, "passive"),
            9: (90.0, "promoter"),
            10: (100.0, "promoter"),
        }
        for native, (value, category) in cases.items():
            user_input = self.answer(self.start(self.csat), {self.q_nps: native})
            self.assertRecordValues(
                self.scores(user_input, "nps"),
                [
                    {
                        "value": value,
                        "native_value": native,
                        "native_max": 10.0,
                        "nps_category": category,
                    }
                ],
            )

    def test_one_to_five_scale_and_first_contact_resolution(self):
        rating = self.env.ref("survey_extension.perception_reliability")
        perception = self.env.ref("survey_extension.survey_perception")
        user_input = self.answer(self.start(perception), {rating: 4})
        self.assertRecordValues(
            self.scores(user_input),
            [
                {
                    "measure": "dimension",
                    "dimension_id": self.dimension["reliability"].id,
                    "value": 75.0,
                    "native_value": 4.0,
                    "native_max": 5.0,
                }
            ],
        )
        solved = self.answer(self.start(self.csat), {self.q_fcr: self.fcr_yes})
        unsolved = self.answer(self.start(self.csat), {self.q_fcr: self.fcr_no})
        self.assertEqual(self.scores(solved, "fcr").value, 100.0)
        self.assertEqual(self.scores(unsolved, "fcr").value, 0.0)

    def test_scores_carry_complaint_team_agent_and_customer(self):
        complaint = self.create_complaint()
        user_input = self.answer(
            self.start(
                self.csat,
                service_complaint_id=complaint.id,
                service_team_id=complaint.team_id.id,
                service_agent_id=complaint.user_id.id,
            ),
            {
                self.q_satisfaction: self.level["satisfied"],
                self.q_fcr: self.fcr_yes,
                self.q_nps: 9,
                self.q_comment: "Fast and kind.",
            },
        )
        scores = self.scores(user_input)
        self.assertEqual(
            sorted(scores.mapped("measure")), ["fcr", "nps", "satisfaction"]
        )
        for score in scores:
            self.assertEqual(score.complaint_id, complaint)
            self.assertEqual(score.team_id, self.team)
            self.assertEqual(score.user_id, self.agent)
            self.assertEqual(score.partner_id, self.customer)
            self.assertEqual(score.tier_id, self.tier_small)
            self.assertEqual(score.service_type_id, self.type_repair)
            self.assertEqual(score.channel_id, self.channel_phone)
            self.assertEqual(score.date, user_input.end_datetime)

    def test_unanswered_survey_has_no_score(self):
        user_input = self.answer(self.start(self.csat), {self.q_nps: 8}, submit=False)
        self.assertFalse(self.scores(user_input))

    def test_editing_an_answer_rebuilds_its_score(self):
        user_input = self.answer(
            self.start(self.csat),
            {self.q_satisfaction: self.level["very_satisfied"], self.q_nps: 10},
        )
        # The customer (or staff) corrects the answers after submitting.
        user_input._save_lines(self.q_satisfaction, str(self.level["neutral"].id))
        user_input._save_lines(self.q_nps, 5)
        satisfaction, nps = self.scores(user_input)
        self.assertRecordValues(
            satisfaction,
            [{"measure": "satisfaction", "value": 33.33, "is_satisfied": False}],
        )
        self.assertRecordValues(
            nps, [{"measure": "nps", "value": 50.0, "nps_category": "detractor"}]
        )
        nps_line = user_input.user_input_line_ids.filtered(
            lambda line: line.question_id == self.q_nps
        )
        nps_line.value_scale = 8
        self.assertEqual(self.scores(user_input, "nps").value, 80.0)
        nps_line.unlink()
        self.assertFalse(self.scores(user_input, "nps"))
        self.assertEqual(len(self.scores(user_input)), 1)

    def test_double_submit_never_duplicates_scores(self):
        user_input = self.answer(
            self.start(self.csat),
            {self.q_satisfaction: self.level["satisfied"], self.q_nps: 9},
        )
        user_input._mark_done()
        self.answer(user_input, {self.q_nps: 9})
        self.assertEqual(len(self.scores(user_input)), 2)
        self.assertEqual(
            self.env["service.survey.score"].search_count(
                [("user_input_id", "=", user_input.id), ("measure", "=", "nps")]
            ),
            1,
        )

    def test_database_refuses_a_second_score_for_the_same_answer(self):
        user_input = self.answer(self.start(self.csat), {self.q_nps: 9})
        score = self.scores(user_input)
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            score.copy()
            self.env.flush_all()

    def test_out_of_range_answer_is_refused(self):
        user_input = self.start(self.csat)
        with self.assertRefused(ValidationError, "out of range.*between 0 and 10"):
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": user_input.id,
                    "question_id": self.q_nps.id,
                    "answer_type": "scale",
                    "value_scale": 11,
                }
            )
        self.assertFalse(user_input.user_input_line_ids)
        self.answer(user_input, {self.q_nps: 7})
        line = user_input.user_input_line_ids
        with self.assertRefused(ValidationError, "out of range"):
            line.value_scale = -1
        self.assertEqual(line.value_scale, 7)
        self.assertEqual(self.scores(user_input).value, 70.0)

    def test_deleting_the_answer_deletes_its_scores(self):
        user_input = self.answer(self.start(self.csat), {self.q_nps: 9})
        score = self.scores(user_input)
        self.assertTrue(score)
        user_input.unlink()
        self.assertFalse(score.exists())

    def test_answer_imported_with_its_lines_is_scored_once(self):
        # An answer created as submitted, with its lines (an import), then
        # corrected through the answer itself.
        user_input = self.env["survey.user_input"].create(
            {
                "survey_id": self.csat.id,
                "partner_id": self.contact.id,
                "state": "done",
                "user_input_line_ids": [
                    Command.create(
                        {
                            "question_id": self.q_satisfaction.id,
                            "answer_type": "suggestion",
                            "suggested_answer_id": self.level["dissatisfied"].id,
                        }
                    ),
                    Command.create(
                        {
                            "question_id": self.q_nps.id,
                            "answer_type": "scale",
                            "value_scale": 9,
                        }
                    ),
                ],
            }
        )
        satisfaction, nps = self.scores(user_input)
        self.assertRecordValues(
            satisfaction,
            [{"measure": "satisfaction", "value": 0.0, "is_satisfied": False}],
        )
        self.assertRecordValues(
            nps, [{"measure": "nps", "value": 90.0, "nps_category": "promoter"}]
        )
        nps_line = user_input.user_input_line_ids.filtered(
            lambda line: line.question_id == self.q_nps
        )
        user_input.write(
            {"user_input_line_ids": [Command.update(nps_line.id, {"value_scale": 6})]}
        )
        self.assertRecordValues(
            self.scores(user_input, "nps"),
            [{"value": 60.0, "nps_category": "detractor"}],
        )
        user_input.write({"user_input_line_ids": [Command.delete(nps_line.id)]})
        self.assertFalse(self.scores(user_input, "nps"))
        self.assertEqual(len(self.scores(user_input)), 1)
