#!/usr/bin/env python3
# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Build each addon's README.rst from its readme/ fragments, as OCA's
oca-gen-addon-readme does (DESCRIPTION, CONFIGURE, USAGE, CONTRIBUTORS...).

The fragments are kept to the subset of Markdown that is also valid
reStructuredText (paragraphs and ``-`` lists); ``#`` headings are turned into
RST section titles and ``**bold**`` is kept (RST knows it too).

Usage: ``gen_addon_readme.py [--check] [ADDON ...]``; with ``--check`` it
writes nothing and exits 1 when a README.rst is out of date.
"""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAGMENTS = [
    ("DESCRIPTION", None),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("CONTRIBUTORS", "Contributors"),
]
HEADING_RE = re.compile(r"^(#+)\s+(.*)$")
UNDERLINES = {1: "~", 2: "^", 3: '"'}


def title(text, char):
    return f"{text}\n{char * len(text)}\n"


def fragment_to_rst(text):
    lines = []
    for line in text.strip().splitlines():
        match = HEADING_RE.match(line)
        if match:
            level = min(len(match.group(1)), 3)
            lines.append(title(match.group(2).strip(), UNDERLINES[level]).rstrip("\n"))
        else:
            lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def build(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    name = manifest["name"]
    badges = (
        f".. |maturity| image:: https://img.shields.io/badge/maturity-"
        f"{manifest['development_status']}-yellow.png\n"
        f"    :alt: {manifest['development_status']}\n"
        f".. |license| image:: https://img.shields.io/badge/licence-"
        f"{manifest['license'].replace('-', '--')}-blue.png\n"
        f"    :alt: License: {manifest['license']}\n\n"
        "|maturity| |license|\n"
    )
    parts = [
        "=" * len(name) + "\n" + name + "\n" + "=" * len(name) + "\n",
        "..\n   This file is generated from the readme/ fragments by "
        "tools/gen_addon_readme.py.\n   Edit the fragments, not this file.\n",
        badges,
        manifest["summary"] + "\n",
    ]
    toc_added = False
    for fragment, heading in FRAGMENTS:
        path = addon / "readme" / f"{fragment}.md"
        if not path.is_file():
            continue
        body = fragment_to_rst(path.read_text(encoding="utf-8"))
        if heading is None:
            parts.append(body)
            continue
        if not toc_added:
            parts.append("**Table of contents**\n\n.. contents::\n   :local:\n")
            toc_added = True
        parts.append(title(heading, "=") + "\n" + body)
    parts.append(
        title("Credits", "=")
        + "\n"
        + title("Authors", "~")
        + "\n"
        + f"* {manifest['author']}\n\n"
        + title("Maintainers", "~")
        + "\n"
        + "".join(f"* {m}\n" for m in manifest.get("maintainers", []))
        + f"\nThis module is part of {manifest['website']}.\n"
    )
    return "\n".join(parts)


def main(argv):
    check = "--check" in argv
    names = [arg for arg in argv[1:] if not arg.startswith("--")]
    addons = [ROOT / n for n in names] or sorted(
        p.parent for p in ROOT.glob("*/__manifest__.py")
    )
    stale = []
    for addon in addons:
        text = build(addon)
        target = addon / "README.rst"
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            stale.append(target.relative_to(ROOT))
            if not check:
                target.write_text(text, encoding="utf-8")
    if check and stale:
        print("README.rst out of date (run tools/gen_addon_readme.py):")
        for path in stale:
            print(f"  {path}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
