# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The static checker must catch what would break an install in Odoo."""

import importlib.util
import textwrap
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "check_addons", Path(__file__).resolve().parent.parent / "check_addons.py"
)
check_addons = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check_addons)

MANIFEST = {
    "name": "Demo",
    "summary": "Demo addon",
    "version": "18.0.1.0.0",
    "category": "Services",
    "website": "https://example.com",
    "author": "Service Quality for Odoo",
    "maintainers": ["someone"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["base"],
    "data": ["security/ir.model.access.csv", "views/demo_views.xml"],
    "installable": True,
}
MODEL = textwrap.dedent(
    """
    from odoo import models

    class DemoThing(models.Model):
        _name = "demo.thing"

    class DemoWizard(models.TransientModel):
        _name = "demo.wizard"

    class DemoMixin(models.AbstractModel):
        _name = "demo.mixin"
    """
)
PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def make_addon(root, manifest=None, access=None, po_entries=None):
    addon = root / "demo_addon"
    (addon / "models").mkdir(parents=True)
    (addon / "security").mkdir()
    (addon / "views").mkdir()
    (addon / "i18n").mkdir()
    (addon / "__manifest__.py").write_text(repr(manifest or MANIFEST))
    (addon / "models" / "demo_thing.py").write_text(MODEL)
    (addon / "views" / "demo_views.xml").write_text("<odoo></odoo>")
    lines = access or [
        "access_demo_thing,demo.thing,model_demo_thing,base.group_user,1,1,1,0",
        "access_demo_wizard,demo.wizard,model_demo_wizard,base.group_user,1,1,1,0",
    ]
    (addon / "security" / "ir.model.access.csv").write_text(
        "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
        + "\n".join(lines)
        + "\n"
    )
    entries = po_entries or [("Thing", "事物")]
    body = "".join(f'msgid "{i}"\nmsgstr "{s}"\n\n' for i, s in entries)
    (addon / "i18n" / "zh_CN.po").write_text(PO_HEADER + body, encoding="utf-8")
    (addon / "i18n" / "demo_addon.pot").write_text(
        PO_HEADER + "".join(f'msgid "{i}"\nmsgstr ""\n\n' for i, _s in entries)
    )
    return addon


def test_clean_addon_has_no_problem(tmp_path):
    make_addon(tmp_path)
    addons, problems = check_addons.run(tmp_path)
    assert [a.name for a in addons] == ["demo_addon"]
    assert problems == []


def test_model_without_access_line_is_reported(tmp_path):
    make_addon(
        tmp_path,
        access=[
            "access_demo_thing,demo.thing,model_demo_thing,base.group_user,1,0,0,0"
        ],
    )
    _addons, problems = check_addons.run(tmp_path)
    assert len(problems) == 1
    assert "demo.wizard" in problems[0]


def test_abstract_models_need_no_access_line(tmp_path):
    addon = make_addon(tmp_path)
    assert set(check_addons.concrete_models(addon)) == {"demo.thing", "demo.wizard"}


def test_extension_adding_a_mixin_needs_no_access_line(tmp_path):
    addon = make_addon(tmp_path)
    (addon / "models" / "res_partner.py").write_text(
        "from odoo import models\n\n\n"
        "class ResPartner(models.Model):\n"
        '    _name = "res.partner"\n'
        '    _inherit = ["res.partner", "demo.mixin"]\n'
    )
    assert "res.partner" not in check_addons.concrete_models(addon)
    assert check_addons.check_access(addon) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"version": "17.0.1.0.0"}, "is not 18.0.x.y.z"),
        ({"data": ["views/missing.xml"]}, "does not exist"),
        ({"license": None}, None),
    ],
)
def test_manifest_problems(tmp_path, change, expected):
    manifest = dict(MANIFEST, **change)
    if change.get("license", "") is None:
        del manifest["license"]
        expected = "missing key 'license'"
    make_addon(tmp_path, manifest=manifest)
    _addons, problems = check_addons.run(tmp_path)
    assert any(expected in p for p in problems), problems


def test_malformed_xml_is_reported(tmp_path):
    addon = make_addon(tmp_path)
    (addon / "views" / "demo_views.xml").write_text("<odoo><record></odoo>")
    _addons, problems = check_addons.run(tmp_path)
    assert any("not well-formed" in p for p in problems), problems


def test_incomplete_chinese_translation_is_reported(tmp_path):
    make_addon(tmp_path, po_entries=[("Thing", "事物"), ("Other thing", "")])
    _addons, problems = check_addons.run(tmp_path)
    assert problems == [
        "demo_addon/i18n/zh_CN.po: 1 untranslated entries, e.g. 'Other thing'"
    ]


def test_main_exit_code(tmp_path, capsys):
    make_addon(tmp_path)
    assert check_addons.main(["check_addons.py", str(tmp_path)]) == 0
    assert "1 addons, 0 problems" in capsys.readouterr().out
