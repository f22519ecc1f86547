#!/usr/bin/env python3
# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks the addons installed from their wheels (run by tools/run_tests.sh
with the Python of a scratch venv the wheels were installed into).

    check_wheels.py ADDON...

For each addon: the distribution ``odoo-addon-<addon>`` is installed, its
files are under ``odoo/addons/<addon>`` of the venv, with the manifest,
every data and demo file the manifest names, the translations (.pot and
zh_CN.po), the icon and the static files of its assets; its metadata
requires Odoo 18, the addons it depends on (as wheels) and its external
Python dependencies. Prints one line per addon; exits 1 on any problem.
"""

import ast
import glob
import os
import sys
import sysconfig
from importlib import metadata

# Odoo's own addons are part of the odoo distribution, not wheels of ours.
OURS = set(sys.argv[1:])


def check(addon):
    problems = []
    root = os.path.join(sysconfig.get_paths()["purelib"], "odoo", "addons", addon)
    try:
        dist = metadata.distribution(f"odoo-addon-{addon}")
    except metadata.PackageNotFoundError:
        return [f"no distribution odoo-addon-{addon}"]
    manifest_path = os.path.join(root, "__manifest__.py")
    if not os.path.isfile(manifest_path):
        return [f"no {manifest_path}"]
    with open(manifest_path, encoding="utf-8") as manifest_file:
        manifest = ast.literal_eval(manifest_file.read())
    wanted = list(manifest.get("data", [])) + list(manifest.get("demo", []))
    wanted += [f"i18n/{addon}.pot", "i18n/zh_CN.po", "static/description/icon.png"]
    wanted += ["__init__.py"]
    for path in wanted:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f"{path} missing")
    for bundle, globs in manifest.get("assets", {}).items():
        for pattern in globs:
            if isinstance(pattern, list | tuple):
                pattern = pattern[-1]
            relative = pattern.split("/", 1)[1] if pattern.startswith(addon) else None
            if relative and not glob.glob(os.path.join(root, relative)):
                problems.append(f"assets {bundle}: nothing matches {pattern}")
    requires = {req.split(";")[0].replace(" ", "") for req in dist.requires or []}
    if "odoo==18.0.*" not in requires:
        problems.append(f"does not require odoo==18.0.* ({sorted(requires)})")
    for depend in manifest.get("depends", []):
        if depend in OURS and f"odoo-addon-{depend}==18.0.*" not in requires:
            problems.append(f"does not require odoo-addon-{depend}")
    lowered = {req.lower() for req in requires}
    for package in manifest.get("external_dependencies", {}).get("python", []):
        if not any(req.startswith(package.lower()) for req in lowered):
            problems.append(f"does not require {package}")
    return problems


def main():
    failed = False
    for addon in sys.argv[1:]:
        problems = check(addon)
        if problems:
            failed = True
            print(f"FAILED: wheel of {addon}: " + "; ".join(problems))
        else:
            print(f"ok: wheel of {addon} (manifest, data, i18n, static, requirements)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
