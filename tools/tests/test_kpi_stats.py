# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The statistics of the KPI figures (kpi_dashboard/lib/stats.py, pure
Python), checked against published values."""

import importlib.util
import pathlib

import pytest

_spec = importlib.util.spec_from_file_location(
    "kpi_stats",
    pathlib.Path(__file__).parents[2] / "kpi_dashboard" / "lib" / "stats.py",
)
stats = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stats)


def test_wilson_interval_matches_published_example():
    # Newcombe (1998), Statistics in Medicine 17, table I: 81 successes of
    # 263 trials gives 0.2553 .. 0.3662 with the Wilson score method.
    low, high = stats.wilson_interval(81, 263)
    assert low == pytest.approx(25.53, abs=0.005)
    assert high == pytest.approx(36.62, abs=0.005)


def test_wilson_interval_of_three_answers_is_wide():
    # 3 satisfied answers out of 3: "100 %" but the interval reaches far down,
    # which is why the dashboard flags such a figure as not significant.
    low, high = stats.wilson_interval(3, 3)
    assert high == pytest.approx(100.0)
    assert low == pytest.approx(43.85, abs=0.05)


def test_wilson_interval_without_answers():
    assert stats.wilson_interval(0, 0) == (None, None)


def test_mean_interval():
    low, high = stats.mean_interval(70.0, 20.0, 100)
    assert low == pytest.approx(70 - 1.96 * 2, abs=0.01)
    assert high == pytest.approx(70 + 1.96 * 2, abs=0.01)
    assert stats.mean_interval(70.0, None, 1) == (None, None)


def test_nps_and_its_interval():
    # 50 promoters, 30 passives, 20 detractors: NPS 30.
    assert stats.nps(50, 20, 100) == pytest.approx(30.0)
    low, high = stats.nps_interval(50, 20, 100)
    # variance 0.5 + 0.2 - 0.09 = 0.61, half width 1.96 * sqrt(0.0061)
    assert low == pytest.approx(30 - 15.31, abs=0.05)
    assert high == pytest.approx(30 + 15.31, abs=0.05)
    assert stats.nps(0, 0, 0) is None


def test_ratio():
    assert stats.ratio(1, 4) == 25.0
    assert stats.ratio(3, 2, scale=1000) == 1500.0
    assert stats.ratio(1, 0) is None
