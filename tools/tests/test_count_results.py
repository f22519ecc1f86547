# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The summary line of run_tests.sh must count what really ran."""

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "count_results", Path(__file__).resolve().parent.parent / "count_results.py"
)
count_results = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(count_results)

ODOO_LOG = """\
2026-11-23 08:00:01,123 4242 INFO sq odoo.modules.loading: loading 42 modules...
2026-11-23 08:00:02,000 4242 ERROR sq odoo.addons.service_quality.tests: FAIL: x
2026-11-23 08:00:03,000 4242 WARNING sq odoo.models: a warning, not an error
2026-11-23 08:00:04,000 4242 ERROR sq odoo.tests.result: 1 failed, 2 error(s) \
of 40 tests when loading database 'sq'
2026-11-23 08:00:05,000 4242 CRITICAL sq odoo.service.server: Failed to initialize
"""


def test_odoo_log_counts(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text(ODOO_LOG)
    assert count_results.odoo_counts(log) == (37, 3, 0)


def test_odoo_log_error_lines(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text(ODOO_LOG)
    levels = [line.split()[3] for line in count_results.error_lines(log)]
    assert levels == ["ERROR", "ERROR", "CRITICAL"]


def test_junit_counts(tmp_path):
    report = tmp_path / "junit.xml"
    report.write_text(
        '<testsuites><testsuite tests="10" failures="1" errors="1" skipped="3"/>'
        '<testsuite tests="5" failures="0" errors="0" skipped="0"/></testsuites>'
    )
    assert count_results.junit_counts(report) == (10, 2, 3)
