#!/usr/bin/env python3
# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an uninstallation of our addons leaves behind, for run_tests.sh.

``check_uninstall.py before DB STATE MODULE...``  records in the JSON file
    STATE the surveys the modules created and how many answers each has;
``check_uninstall.py after DB STATE MODULE...``   prints what is left that
    should not be and exits 1 if anything is: identifiers (ir_model_data)
    of the modules, their tables, the surveys they created that nobody
    answered, and lost answers (answered surveys stay, with their answers,
    as Odoo core keeps the users' data).

The database is read with psql (the local socket, like dropdb).
"""

import json
import subprocess
import sys

# Our models are all named service.*: so are their tables.
TABLE_PREFIX = "service_"


def _psql(db, query):
    output = subprocess.run(
        ["psql", "-d", db, "-AtXq", "-F", "\t", "-c", query],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.split("\t") for line in output.splitlines() if line]


def _quoted(modules):
    return ", ".join("'%s'" % module.replace("'", "''") for module in modules)


def read_before(db, modules):
    """{"surveys": {id: answer count}} of the surveys ``modules`` created."""
    rows = _psql(
        db,
        "SELECT d.res_id, (SELECT COUNT(*) FROM survey_user_input i"
        "                   WHERE i.survey_id = d.res_id)"
        "  FROM ir_model_data d"
        f" WHERE d.model = 'survey.survey' AND d.module IN ({_quoted(modules)})",
    )
    return {"surveys": {survey: int(count) for survey, count in rows}}


def read_after(db, modules, surveys):
    """What is there after the uninstallation (see ``problems``)."""
    xmlids = _psql(
        db,
        "SELECT module || '.' || name || ' (' || model || ')' FROM ir_model_data"
        f" WHERE module IN ({_quoted(modules)}) ORDER BY module, name",
    )
    tables = _psql(
        db,
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        f" AND tablename LIKE '{TABLE_PREFIX}%' ORDER BY 1",
    )
    existing = {}
    if surveys:
        ids = ", ".join(str(int(survey)) for survey in surveys)
        rows = _psql(
            db,
            "SELECT s.id, (SELECT COUNT(*) FROM survey_user_input i"
            "               WHERE i.survey_id = s.id)"
            f"  FROM survey_survey s WHERE s.id IN ({ids})",
        )
        existing = {survey: int(count) for survey, count in rows}
    return {
        "xmlids": [row[0] for row in xmlids],
        "tables": [row[0] for row in tables],
        "surveys": existing,
    }


def problems(before, after):
    """The messages of what the uninstallation should not have left or
    lost. ``before["surveys"]`` and ``after["surveys"]``: {survey id: number
    of answers}; ``after["xmlids"]`` and ``after["tables"]``: what is left."""
    found = [f"identifier left: {xmlid}" for xmlid in after["xmlids"]]
    found += [f"table left: {table}" for table in after["tables"]]
    for survey, answers in sorted(before["surveys"].items()):
        left = after["surveys"].get(survey)
        if not answers and left is not None:
            found.append(f"survey {survey} left, although nobody answered it")
        elif answers and left is None:
            found.append(f"survey {survey} deleted with its {answers} answers")
        elif answers and left != answers:
            found.append(f"survey {survey}: {answers} answers before, {left} after")
    return found


def main(argv):
    if len(argv) < 4 or argv[0] not in ("before", "after"):
        print(__doc__)
        return 2
    mode, db, state, modules = argv[0], argv[1], argv[2], argv[3:]
    if mode == "before":
        with open(state, "w", encoding="utf-8") as handle:
            json.dump(read_before(db, modules), handle)
        return 0
    with open(state, encoding="utf-8") as handle:
        before = json.load(handle)
    after = read_after(db, modules, before["surveys"])
    found = problems(before, after)
    for message in found:
        print(message)
    kept = sum(1 for answers in before["surveys"].values() if answers)
    print(
        f"{len(found)} problem(s); {len(before['surveys'])} surveys of ours, "
        f"{kept} kept for their answers"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
