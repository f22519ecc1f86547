# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The importance-performance quadrants (kpi_dashboard/lib/ipa.py)."""

import importlib.util
import pathlib

import pytest

_spec = importlib.util.spec_from_file_location(
    "kpi_ipa", pathlib.Path(__file__).parents[2] / "kpi_dashboard" / "lib" / "ipa.py"
)
ipa = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ipa)


def test_four_quadrants_around_the_means():
    cuts, quadrants = ipa.classify(
        {
            "reliability": (0.40, 3.0),  # important, weak: act here
            "assurance": (0.30, 4.5),  # important, strong
            "tangibles": (0.10, 3.2),  # minor, weak
            "empathy": (0.20, 4.9),  # minor, strong
        }
    )
    assert cuts == pytest.approx((0.25, 3.9))
    assert quadrants == {
        "reliability": ipa.CONCENTRATE,
        "assurance": ipa.KEEP_UP,
        "tangibles": ipa.LOW_PRIORITY,
        "empathy": ipa.OVERKILL,
    }


def test_a_point_on_the_cross_hairs_counts_as_high():
    assert ipa.quadrant(0.25, 3.9, 0.25, 3.9) == ipa.KEEP_UP
    assert ipa.quadrant(0.25, 3.0, 0.25, 3.9) == ipa.CONCENTRATE
    assert ipa.quadrant(0.1, 3.9, 0.25, 3.9) == ipa.OVERKILL


def test_incomplete_points_are_left_out():
    cuts, quadrants = ipa.classify({"a": (0.5, 4.0), "b": (None, 3.0)})
    assert cuts == (0.5, 4.0)
    assert quadrants == {"a": ipa.KEEP_UP}
    assert ipa.classify({"b": (0.2, None)}) == (None, {})
    assert ipa.classify({}) == (None, {})
