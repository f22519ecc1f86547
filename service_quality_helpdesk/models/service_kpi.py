# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError

# The dashboard's and the export's choice of cases: complaints, tickets or
# both (every source).
CASE_SOURCES = [
    ("all", "Complaints and tickets"),
    ("complaint", "Complaints"),
    ("ticket", "Tickets"),
]


class ServiceKpi(models.Model):
    _inherit = "service.kpi"

    @api.model
    def _service_sources_context(self, sources):
        """The ``kpi_sources`` context of a choice of CASE_SOURCES: the case
        source chosen, and every source that is no case (scores, promises,
        invitations); "all" restricts nothing."""
        if not sources or sources == "all":
            return {}
        if sources not in dict(CASE_SOURCES):
            raise ValidationError(self.env._("Unknown source of cases: %s", sources))
        registry = self.env["service.kpi.engine"]._kpi_sources()
        return {
            "kpi_sources": [
                key
                for key, descriptor in registry.items()
                if key == sources or descriptor.get("feeds", key) != "complaint"
            ]
        }

    @api.model
    @api.readonly
    def get_dashboard_data(self, *args, sources=None, **kwargs):
        """The dashboard of complaints, tickets (``sources``: a key of
        CASE_SOURCES) or both."""
        context = self._service_sources_context(sources)
        if context:
            self = self.with_context(**context)
        return super().get_dashboard_data(*args, **kwargs)
