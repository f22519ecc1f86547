# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Service Quality for Helpdesk Tickets",
    "summary": "Service standards, working-hour deadlines, escalation, "
    "satisfaction surveys and KPIs on OCA helpdesk tickets",
    "version": "18.0.1.0.0",
    "category": "Services/Service Quality",
    "website": "https://github.com/service-quality-odoo/service-quality",
    "author": "Service Quality for Odoo",
    "maintainers": ["service-quality-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": [
        "service_quality",
        "survey_extension",
        "kpi_dashboard",
        "helpdesk_mgmt",
    ],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/helpdesk_ticket_stage_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_category_views.xml",
        "views/helpdesk_ticket_stage_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/res_config_settings_views.xml",
        "views/service_kpi_export_views.xml",
    ],
    "demo": [
        "demo/helpdesk_ticket_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "service_quality_helpdesk/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "service_quality_helpdesk/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "auto_install": True,
    "installable": True,
}
