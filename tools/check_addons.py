#!/usr/bin/env python3
# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Static checks of the addons that need no Odoo.

- every ``__manifest__.py`` parses and carries the keys OCA asks for, with an
  18.0 version, and every file it lists exists;
- every XML file is well-formed;
- every concrete model (``models.Model`` / ``models.TransientModel`` with a
  ``_name``) has at least one line in the addon's ``ir.model.access.csv``;
- every ``.po`` / ``.pot`` file parses, and ``zh_CN.po`` is complete (no empty
  or fuzzy translation).

Usage: ``check_addons.py [REPO_ROOT]``; prints one line per problem and exits 1
when there is any.
"""

import ast
import csv
import re
import sys
from pathlib import Path

import polib
from lxml import etree

REQUIRED_MANIFEST_KEYS = (
    "name",
    "summary",
    "version",
    "category",
    "website",
    "author",
    "maintainers",
    "license",
    "development_status",
    "depends",
    "installable",
)
VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
CONCRETE_BASES = {"Model", "TransientModel"}


def find_addons(root):
    return sorted(p.parent for p in Path(root).glob("*/__manifest__.py"))


def read_manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def check_manifest(addon):
    problems = []
    try:
        manifest = read_manifest(addon)
    except (SyntaxError, ValueError) as exc:
        return [f"{addon.name}/__manifest__.py: does not parse: {exc}"]
    if not isinstance(manifest, dict):
        return [f"{addon.name}/__manifest__.py: is not a dict"]
    for key in REQUIRED_MANIFEST_KEYS:
        if key not in manifest:
            problems.append(f"{addon.name}/__manifest__.py: missing key {key!r}")
    version = manifest.get("version", "")
    if version and not VERSION_RE.match(version):
        problems.append(
            f"{addon.name}/__manifest__.py: version {version!r} is not 18.0.x.y.z"
        )
    for key in ("data", "demo"):
        for rel in manifest.get(key, []):
            if not (addon / rel).is_file():
                problems.append(
                    f"{addon.name}/__manifest__.py: {key} file {rel} does not exist"
                )
    return problems


def check_xml(addon):
    problems = []
    for path in sorted(addon.rglob("*.xml")):
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            problems.append(f"{path.relative_to(addon.parent)}: not well-formed: {exc}")
    return problems


def _assigned_name(node):
    """The string assigned to ``_name`` in a class body, if any."""
    for stmt in node.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if (
                    isinstance(target, ast.Name)
                    and target.id == "_name"
                    and isinstance(stmt.value, ast.Constant)
                    and isinstance(stmt.value.value, str)
                ):
                    return stmt.value.value
    return None


def _inherited_names(node):
    """The model names of ``_inherit`` in a class body (a string or a list)."""
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "_inherit"
            for target in stmt.targets
        ):
            value = stmt.value
            items = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
            return {
                item.value
                for item in items
                if isinstance(item, ast.Constant) and isinstance(item.value, str)
            }
    return set()


def _base_names(node):
    names = set()
    for base in node.bases:
        if isinstance(base, ast.Attribute):
            names.add(base.attr)
        elif isinstance(base, ast.Name):
            names.add(base.id)
    return names


def concrete_models(addon):
    """Models declared (``_name``) by the Python files of an addon."""
    models = {}
    for path in sorted(addon.rglob("*.py")):
        if "tests" in path.relative_to(addon).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            name = _assigned_name(node)
            # ``_name = "x"`` with ``_inherit = ["x", "mixin"]`` extends x.
            if (
                name
                and _base_names(node) & CONCRETE_BASES
                and name not in _inherited_names(node)
            ):
                models[name] = path.relative_to(addon.parent)
    return models


def model_xmlid_to_name(xmlid):
    """``model_service_complaint`` -> ``service_complaint`` (dots unknown)."""
    return xmlid.split(".")[-1].removeprefix("model_")


def check_access(addon):
    models = concrete_models(addon)
    if not models:
        return []
    csv_path = addon / "security" / "ir.model.access.csv"
    if not csv_path.is_file():
        return [f"{addon.name}: models {sorted(models)} but no ir.model.access.csv"]
    covered = set()
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            covered.add(model_xmlid_to_name(row.get("model_id:id") or ""))
    return [
        f"{path}: model {name} has no line in {addon.name}/security/ir.model.access.csv"
        for name, path in sorted(models.items())
        if name.replace(".", "_") not in covered
    ]


def check_po(addon):
    problems = []
    for path in sorted((addon / "i18n").glob("*.po*")):
        rel = path.relative_to(addon.parent)
        try:
            catalog = polib.pofile(str(path))
        except (OSError, ValueError) as exc:
            problems.append(f"{rel}: does not parse: {exc}")
            continue
        if path.name == "zh_CN.po":
            untranslated = [e for e in catalog if not e.obsolete and not e.msgstr]
            fuzzy = [e for e in catalog if "fuzzy" in e.flags and not e.obsolete]
            if untranslated:
                problems.append(
                    f"{rel}: {len(untranslated)} untranslated entries, "
                    f"e.g. {untranslated[0].msgid[:60]!r}"
                )
            if fuzzy:
                problems.append(
                    f"{rel}: {len(fuzzy)} fuzzy entries, e.g. {fuzzy[0].msgid[:60]!r}"
                )
    if (addon / "i18n").is_dir():
        for name in (f"{addon.name}.pot", "zh_CN.po"):
            if not (addon / "i18n" / name).is_file():
                problems.append(f"{addon.name}/i18n: {name} is missing")
    else:
        problems.append(f"{addon.name}: no i18n folder")
    return problems


CHECKS = (check_manifest, check_xml, check_access, check_po)


def run(root):
    problems = []
    addons = find_addons(root)
    if not addons:
        problems.append(f"{root}: no addon found")
    for addon in addons:
        for check in CHECKS:
            problems.extend(check(addon))
    return addons, problems


def main(argv):
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    addons, problems = run(root)
    for problem in problems:
        print(problem)
    print(
        f"check_addons: {len(addons)} addons, "
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
