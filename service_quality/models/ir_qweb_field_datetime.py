# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools.misc import babel_locale_parse, posix_to_ldml


class IrQwebFieldDatetime(models.AbstractModel):
    _inherit = "ir.qweb.field.datetime"

    @api.model
    def value_to_html(self, value, options):
        # Odoo hides seconds by deleting ":ss" from the pattern, which leaves
        # them in languages that do not write a colon (zh_CN: "14时30分00秒").
        # The language's short time format says how its readers write a time
        # without seconds; the web client's fields use it too.
        if (
            value
            and options.get("hide_seconds")
            and "format" not in options
            and not options.get("date_only")
        ):
            lang = self.user_lang()
            time_format = lang.short_time_format or "%H:%M"
            strftime = (
                time_format
                if options.get("time_only")
                else f"{lang.date_format} {time_format}"
            )
            locale = babel_locale_parse(lang.code)
            options = dict(options, format=posix_to_ldml(strftime, locale=locale))
        return super().value_to_html(value, options)
