# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
import json

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path


def _migration(version):
    path = file_path(f"kpi_dashboard/migrations/{version}/post-migration.py")
    spec = importlib.util.spec_from_file_location("kpi_dashboard_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestKpiMigration(TransactionCase):
    def _set_description(self, kpi, values):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE service_kpi SET description = %s::jsonb WHERE id = %s",
            (json.dumps(values), kpi.id),
        )
        kpi.invalidate_recordset(["description"])

    def test_upgrade_gives_the_new_definitions_unless_edited(self):
        migration = _migration("18.0.1.1.0")
        reopen = self.env.ref("kpi_dashboard.kpi_reopen_rate")
        response = self.env.ref("kpi_dashboard.kpi_response_rate")
        old_reopen, new_reopen = migration.NEW_DESCRIPTIONS["kpi_reopen_rate"]
        new_response = migration.NEW_DESCRIPTIONS["kpi_response_rate"][1]
        # As a database of 18.0.1.0.0 has them: the old text, translated;
        # the response rate's text edited by the company.
        self._set_description(reopen, {"en_US": old_reopen, "zh_CN": "旧的定义"})
        self._set_description(response, {"en_US": "Our own definition."})
        migration.migrate(self.env.cr, "18.0.1.0.0")
        reopen.invalidate_recordset(["description"])
        response.invalidate_recordset(["description"])
        self.assertEqual(reopen.with_context(lang="en_US").description, new_reopen)
        self.assertNotEqual(new_response, "Our own definition.")
        self.assertEqual(
            response.with_context(lang="en_US").description, "Our own definition."
        )
        # The old translation went with the old text; Odoo loads the new one.
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["kpi_dashboard"], ["zh_CN"])
        reopen.invalidate_recordset(["description"])
        chinese = reopen.with_context(lang="zh_CN").description
        self.assertNotIn("旧的定义", chinese)
        self.assertIn("至少被重开一次", chinese)
