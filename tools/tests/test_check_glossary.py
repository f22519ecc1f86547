# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The glossary checker must catch a concept translated two ways."""

import importlib.util
import textwrap
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "check_glossary", Path(__file__).resolve().parent.parent / "check_glossary.py"
)
check_glossary = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check_glossary)

GLOSSARY = """\
# Glossary

| English | 中文 | Not | Notes |
|---|---|---|---|
| Customer Tier; Customer Tiers | 客户分级 | 客户等级; 客户级别 | |
| Small | 小微 | 低端 | tier |
| Complaint | 投诉 | | |
"""

PO_HEADER = """\
msgid ""
msgstr ""
"Language: zh_CN\\n"

"""


def po(*entries):
    return PO_HEADER + "\n".join(
        textwrap.dedent(entry).strip() + "\n" for entry in entries
    )


def write_repo(tmp_path, po_text):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "demo" / "i18n").mkdir(parents=True)
    (tmp_path / "demo" / "i18n" / "zh_CN.po").write_text(po_text, encoding="utf-8")
    return tmp_path


def test_glossary_rows_and_forms():
    rows = check_glossary.parse_glossary(GLOSSARY)
    assert rows[0] == (
        ["Customer Tier", "Customer Tiers"],
        "客户分级",
        ["客户等级", "客户级别"],
    )
    assert rows[2] == (["Complaint"], "投诉", [])


def test_po_entries_joined_over_lines():
    entries = check_glossary.parse_po(
        po(
            """
            #: model:ir.model.fields,field_description:demo.field_x
            msgid ""
            "Customer "
            "Tier"
            msgstr ""
            "客户"
            "分级"
            """
        )
    )
    assert [(msgid, msgstr) for _line, msgid, msgstr in entries] == [
        ("Customer Tier", "客户分级")
    ]


def test_consistent_po_passes(tmp_path):
    repo = write_repo(
        tmp_path,
        po(
            'msgid "Customer Tier"\nmsgstr "客户分级"',
            'msgid "Customer Tiers"\nmsgstr "客户分级"',
            'msgid "By customer tier"\nmsgstr "按客户分级"',
            'msgid "Untranslated"\nmsgstr ""',
        ),
    )
    assert check_glossary.main(["check_glossary.py", str(repo)]) == 0


def test_other_translation_of_a_glossary_term_fails(tmp_path, capsys):
    repo = write_repo(
        tmp_path,
        po(
            'msgid "Customer Tier"\nmsgstr "客户分级"',
            'msgid "Customer Tiers"\nmsgstr "客户层级"',
        ),
    )
    assert check_glossary.main(["check_glossary.py", str(repo)]) == 1
    out = capsys.readouterr().out
    assert "'Customer Tiers' is translated '客户层级'" in out
    assert "the glossary says '客户分级'" in out
    assert "1 glossary problem(s)" in out


def test_avoided_word_inside_a_sentence_fails(tmp_path, capsys):
    repo = write_repo(
        tmp_path,
        po('msgid "Complaints of small customers"\nmsgstr "低端客户的投诉"'),
    )
    assert check_glossary.main(["check_glossary.py", str(repo)]) == 1
    assert "'低端' in '低端客户的投诉'" in capsys.readouterr().out


def test_line_break_between_chinese_characters_fails(tmp_path, capsys):
    repo = write_repo(
        tmp_path,
        po(
            'msgid ""\n"Complaints are\\n"\n"                filed by mail."\n'
            'msgstr ""\n"投诉可以\\n"\n"                通过邮件提交。"',
            # a line break the English text has on purpose is kept
            'msgid "Late\\nToday"\nmsgstr "逾期\\n今天"',
        ),
    )
    assert check_glossary.main(["check_glossary.py", str(repo)]) == 1
    out = capsys.readouterr().out
    assert "shows as a space" in out
    assert "逾期" not in out


def test_repository_follows_its_glossary():
    root = Path(__file__).resolve().parent.parent.parent
    assert check_glossary.main(["check_glossary.py", str(root)]) == 0
