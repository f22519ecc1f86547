# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The uninstall check of run_tests.sh: what may stay and what may not."""

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "check_uninstall", Path(__file__).resolve().parent.parent / "check_uninstall.py"
)
check_uninstall = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check_uninstall)

BEFORE = {"surveys": {"6": 40, "7": 8, "9": 0}}


def after(xmlids=(), tables=(), surveys=None):
    return {
        "xmlids": list(xmlids),
        "tables": list(tables),
        "surveys": {"6": 40, "7": 8} if surveys is None else surveys,
    }


def test_clean_uninstall_keeps_answered_surveys_only():
    assert check_uninstall.problems(BEFORE, after()) == []


def test_identifiers_and_tables_left_are_problems():
    found = check_uninstall.problems(
        BEFORE,
        after(
            xmlids=["survey_extension.survey_perception (survey.survey)"],
            tables=["service_complaint"],
        ),
    )
    assert found == [
        "identifier left: survey_extension.survey_perception (survey.survey)",
        "table left: service_complaint",
    ]


def test_unanswered_survey_left_is_a_problem():
    found = check_uninstall.problems(BEFORE, after(surveys={"6": 40, "7": 8, "9": 0}))
    assert found == ["survey 9 left, although nobody answered it"]


def test_answers_must_stay():
    found = check_uninstall.problems(BEFORE, after(surveys={"7": 5}))
    assert found == [
        "survey 6 deleted with its 40 answers",
        "survey 7: 8 answers before, 5 after",
    ]


def test_usage_without_arguments():
    assert check_uninstall.main([]) == 2
