# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_ticket_deadline
from . import test_ticket_escalation
from . import test_ticket_survey
from . import test_ticket_kpi
from . import test_ticket_access
from . import test_ticket_coexistence
from . import test_ui
from . import test_ticket_kpi_reference
