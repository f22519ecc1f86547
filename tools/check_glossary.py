#!/usr/bin/env python3
# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One Chinese term per concept: check the zh_CN.po files against
docs/glossary.md.

    tools/check_glossary.py [REPO_ROOT]

Fails (exit code 1, one line per problem) when a .po entry whose msgid is an
English form of a glossary row is translated by another word than the row's,
when a translation contains a word of the row's "Not" column, or when a
translation breaks a line between two Chinese characters (shown as a stray
space). Pure Python, no dependency, so it runs with the static checks.
"""

import ast
import re
import sys
from pathlib import Path

CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
STRAY_BREAK = re.compile(rf"{CJK}\n[ \t]+{CJK}")


def parse_glossary(text):
    """Rows of the glossary's table as (english forms, chinese, avoided)."""
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2:
            continue
        if cells[0] in ("English", "") or set(cells[0]) <= set("-: "):
            continue
        english = [form.strip() for form in cells[0].split(";") if form.strip()]
        avoided = []
        if len(cells) > 2:
            avoided = [word.strip() for word in cells[2].split(";") if word.strip()]
        rows.append((english, cells[1], avoided))
    return rows


def _unquote(lines):
    return "".join(ast.literal_eval(line) for line in lines)


def parse_po(text):
    """Entries of a .po file as (line number, msgid, msgstr); the header
    (empty msgid) is left out."""
    entries = []
    current = None  # [line, {keyword: [quoted lines]}]
    keyword = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        match = re.match(
            r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (.*)$", line
        )
        if match:
            if match.group(1) in ("msgctxt", "msgid") and (
                current is None or "msgstr" in current[1]
            ):
                if current is not None:
                    entries.append(current)
                current = [number, {}]
            keyword = match.group(1)
            current[1][keyword] = [match.group(2)]
        elif line.startswith('"') and current is not None and keyword:
            current[1][keyword].append(line)
        elif not line or line.startswith("#"):
            keyword = None
    if current is not None:
        entries.append(current)
    result = []
    for number, fields in entries:
        msgid = _unquote(fields.get("msgid", ['""']))
        msgstr = _unquote(fields.get("msgstr", fields.get("msgstr[0]", ['""'])))
        if msgid:
            result.append((number, msgid, msgstr))
    return result


def check_po(name, text, rows):
    """Problems of one .po file, as printable lines."""
    by_english = {}
    for english, chinese, _avoided in rows:
        for form in english:
            by_english[form] = chinese
    avoided = [(word, chinese) for _e, chinese, words in rows for word in words]
    problems = []
    for number, msgid, msgstr in parse_po(text):
        if not msgstr:
            continue
        expected = by_english.get(msgid.strip())
        if expected is not None and msgstr.strip() != expected:
            problems.append(
                f"{name}:{number}: {msgid!r} is translated {msgstr!r}; "
                f"the glossary says {expected!r}"
            )
        for word, chinese in avoided:
            if word in msgstr:
                problems.append(
                    f"{name}:{number}: {word!r} in {msgstr!r}; "
                    f"the glossary says {chinese!r}"
                )
        if STRAY_BREAK.search(msgstr):
            problems.append(
                f"{name}:{number}: a line break between Chinese characters in "
                f"{msgstr!r} shows as a space; join the lines"
            )
    return problems


def main(argv):
    root = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parent.parent)
    rows = parse_glossary((root / "docs" / "glossary.md").read_text(encoding="utf-8"))
    problems = []
    files = sorted(root.glob("*/i18n/zh_CN.po"))
    for path in files:
        problems += check_po(
            str(path.relative_to(root)), path.read_text(encoding="utf-8"), rows
        )
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} glossary problem(s) in {len(files)} .po files")
        return 1
    print(f"{len(files)} zh_CN.po files follow the glossary ({len(rows)} concepts)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
