# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Confidence intervals of the KPI figures, pure Python (no Odoo) so that they
are unit-tested on their own. All figures are on a 0-100 scale unless said."""

import math

Z95 = 1.959963984540054


def ratio(numerator, denominator, scale=100.0):
    """numerator / denominator * scale, or None when there is no denominator."""
    if not denominator:
        return None
    return numerator * scale / denominator


def wilson_interval(successes, total, z=Z95):
    """Wilson score interval of a proportion, in percent.

    Unlike the normal approximation it stays within 0-100 and is usable for
    small samples, which is exactly when a manager needs to be warned."""
    if not total:
        return None, None
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    half /= denominator
    return max(0.0, centre - half) * 100, min(1.0, centre + half) * 100


def mean_interval(mean, stddev, count, z=Z95):
    """Normal-approximation interval of a mean (stddev: sample deviation)."""
    if not count or mean is None:
        return None, None
    if count < 2 or stddev is None:
        return None, None
    half = z * stddev / math.sqrt(count)
    return mean - half, mean + half


def nps(promoters, detractors, total):
    """Net Promoter Score: % promoters - % detractors, from -100 to 100."""
    if not total:
        return None
    return (promoters - detractors) * 100.0 / total


def nps_interval(promoters, detractors, total, z=Z95):
    """Interval of the NPS: the score is the mean of a variable worth +1 for a
    promoter, -1 for a detractor and 0 otherwise, whose variance is
    p+ + p- - (p+ - p-)^2."""
    if not total or total < 2:
        return None, None
    p_plus, p_minus = promoters / total, detractors / total
    variance = p_plus + p_minus - (p_plus - p_minus) ** 2
    half = z * math.sqrt(max(variance, 0.0) / total) * 100
    score = (p_plus - p_minus) * 100
    return max(-100.0, score - half), min(100.0, score + half)
