# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import res_company
from . import res_config_settings
from . import helpdesk_ticket_category
from . import helpdesk_ticket_stage
from . import helpdesk_ticket_team
from . import helpdesk_ticket
from . import survey_user_input
from . import service_survey_score
from . import service_kpi_engine
from . import service_kpi
from . import service_kpi_export
from . import service_agent_appraisal
