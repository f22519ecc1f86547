# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Importance-performance analysis (Martilla & James, 1977), pure Python.

Each quality dimension is placed by its importance (the weight derived from
how strongly its ratings go with overall satisfaction) and its performance
(the mean perception). The cross-hairs are the means of both over the
dimensions shown (the "data-centred" variant): with weights that add up to 1
and perceptions clustered near the top of the scale, fixed scale midpoints
would put every dimension in the same quadrant."""

KEEP_UP = "keep_up"
CONCENTRATE = "concentrate"
LOW_PRIORITY = "low_priority"
OVERKILL = "overkill"
QUADRANTS = (CONCENTRATE, KEEP_UP, LOW_PRIORITY, OVERKILL)


def quadrant(importance, performance, importance_cut, performance_cut):
    """The quadrant of one point. A point on a cross-hair counts as high:
    an average dimension is not sent to "low priority"."""
    important = importance >= importance_cut
    performing = performance >= performance_cut
    if important:
        return KEEP_UP if performing else CONCENTRATE
    return OVERKILL if performing else LOW_PRIORITY


def classify(points):
    """``points``: {key: (importance, performance)}; points whose importance
    or performance is None are left out. Returns (cuts, {key: quadrant})
    where cuts is (importance cut, performance cut), or (None, {}) when no
    point is complete."""
    complete = {
        key: (importance, performance)
        for key, (importance, performance) in points.items()
        if importance is not None and performance is not None
    }
    if not complete:
        return None, {}
    importance_cut = sum(i for i, __ in complete.values()) / len(complete)
    performance_cut = sum(p for __, p in complete.values()) / len(complete)
    return (importance_cut, performance_cut), {
        key: quadrant(importance, performance, importance_cut, performance_cut)
        for key, (importance, performance) in complete.items()
    }
