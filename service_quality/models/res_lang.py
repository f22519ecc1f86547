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
