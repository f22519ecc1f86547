# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Odoo ships Chinese times as 14时30分00秒, while its chatter, activities and
# calendar write 14:30 (the browser's Chinese). A service team reads both on
# one screen: fields take the chatter's notation, unless an administrator has
# already chosen another format.
CHINESE_TIME_FORMATS = {
    "time_format": ("%H时%M分%S秒", "%H:%M:%S"),
    "short_time_format": ("%H时%M分", "%H:%M"),
}


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _service_quality_chinese_time_formats(self):
        for lang in self.with_context(active_test=False).search(
            [("code", "=", "zh_CN")]
        ):
            lang.write(
                {
                    field: colon
                    for field, (shipped, colon) in CHINESE_TIME_FORMATS.items()
                    if lang[field] == shipped
                }
            )

    @api.model
    def _service_quality_load_demo_terms(self, module, langs=("zh_CN",)):
        """Odoo loads a module's translations after its demo data: demo data
        loads them first, so that Chinese customers' records are Chinese.
        (Called from here: account redefines the method without api.model,
        so a <function> on ir.module.module would break once it is in.)"""
        self.env["ir.module.module"]._load_module_terms([module], list(langs))
