#!/usr/bin/env python3
# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read test results for run_tests.sh's summary line.

``count_results.py junit FILE``  -> "PASSED FAILED SKIPPED" of a JUnit XML file
``count_results.py odoo LOG``    -> "PASSED FAILED 0" from Odoo's
                                    "N failed, N error(s) of N tests" lines
``count_results.py errors LOG``  -> the ERROR / CRITICAL lines of an Odoo log
"""

import re
import sys
import xml.etree.ElementTree as ET

ODOO_RESULT_RE = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
ODOO_LEVEL_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) ")


def junit_counts(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = failed = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests - failed - skipped, failed, skipped


def odoo_counts(path):
    passed = failed = 0
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            match = ODOO_RESULT_RE.search(line)
            if match:
                failures, errors, total = map(int, match.groups())
                failed += failures + errors
                passed += total - failures - errors
    return passed, failed, 0


def error_lines(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        return [line.rstrip("\n") for line in handle if ODOO_LEVEL_RE.match(line)]


def main(argv):
    kind, path = argv[1], argv[2]
    if kind == "junit":
        print(*junit_counts(path))
    elif kind == "odoo":
        print(*odoo_counts(path))
    elif kind == "errors":
        for line in error_lines(path):
            print(line)
    else:
        raise SystemExit(f"unknown kind {kind}")


if __name__ == "__main__":
    main(sys.argv)
