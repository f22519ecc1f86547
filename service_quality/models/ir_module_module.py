# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _service_quality_load_demo_terms(self, langs):
        """Load the addon's terms in ``langs`` now (demo data): Odoo loads a
        module's translations only after its demo, and the demo's mails must
        already be in the customers' language. A method of its own because
        ``_load_module_terms`` loses ``@api.model`` in some overrides
        (account's), which a ``<function>`` call relies on."""
        self._load_module_terms(["service_quality"], langs)
