# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from unittest.mock import patch

from odoo.tests import tagged

from .common import JAN_1, JAN_31, KpiCommon


@tagged("post_install", "-at_install")
class TestKpiSources(KpiCommon):
    """The engine reads its tables through the registry ``_kpi_sources``: a
    source added there (as a bridge adds helpdesk tickets) feeds the same
    figures, without the engine knowing its table."""

    @contextmanager
    def extra_source(self, **descriptor):
        """Register a second source feeding the complaint KPIs: the same
        complaints again, read from the same table (cancelled ones excluded
        as the complaint source does), as a bridge's extension of
        ``_kpi_sources`` would."""
        engine_class = type(self.env["service.kpi.engine"])
        original = engine_class._kpi_sources

        def _kpi_sources(engine):
            sources = original(engine)
            complaints = sources["complaint"]
            sources["copy"] = {
                "model": "service.complaint",
                "feeds": "complaint",
                "from": "service_complaint t",
                "where": complaints["where"],
                "cuts": dict(complaints["cuts"]),
                **descriptor,
            }
            return sources

        with patch.object(engine_class, "_kpi_sources", _kpi_sources):
            yield

    def total_of(self, code, sources=None, filters=None):
        kpi = self.kpi(code).with_env(self.as_company())
        if sources:
            kpi = kpi.with_context(kpi_sources=sources)
        return kpi._totals(JAN_1, JAN_31, filters)[kpi]

    def test_builtin_registry_names_the_complaint_table(self):
        sources = self.env["service.kpi.engine"]._kpi_sources()
        self.assertEqual(sources["complaint"]["model"], "service.complaint")
        self.assertEqual(sources["complaint"]["from"], "service_complaint t")
        self.assertEqual(
            {key: value["model"] for key, value in sources.items()}["score"],
            "service.survey.score",
        )

    def test_a_registered_source_feeds_the_complaint_figures(self):
        alone = self.total_of("complaint_count")["value"]
        self.assertEqual(alone, 5)
        with self.extra_source():
            self.assertEqual(self.total_of("complaint_count")["value"], 2 * alone)
            # The same cases twice: the same median, twice the sample.
            frt = self.total_of("frt_median")
            self.assertAlmostEqual(frt["value"], 2.5)
            self.assertEqual(frt["n"], 8)
            # Each source alone, as the dashboard's source filter asks.
            self.assertEqual(
                self.total_of("complaint_count", ["complaint"])["value"], 5
            )
            self.assertEqual(self.total_of("complaint_count", ["copy"])["value"], 5)
            # Cuts and filters go through the union's canonical columns.
            team = self.total_of("complaint_count", filters={"team": self.team_a.ids})[
                "value"
            ]
            self.assertEqual(
                team,
                2
                * self.total_of(
                    "complaint_count", ["complaint"], {"team": self.team_a.ids}
                )["value"],
            )
            backlog = self.total_of("backlog")
            self.assertEqual(
                backlog["value"], 2 * self.total_of("backlog", ["complaint"])["value"]
            )

    def test_a_source_may_name_its_columns_differently(self):
        # A table whose received date has another name (a ticket's
        # create_date): renamed into the canonical column.
        renamed = {"date_received": "t.date_received + interval '0 second'"}
        with self.extra_source(columns=renamed):
            self.assertEqual(self.total_of("complaint_count", ["copy"])["value"], 5)
            self.assertAlmostEqual(
                self.total_of("resolution_median", ["copy"])["value"], 10.0
            )

    def test_no_source_no_figure(self):
        self.assertIsNone(self.total_of("complaint_count", ["nothing"]))
