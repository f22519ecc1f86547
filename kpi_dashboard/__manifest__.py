# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Service Quality KPIs",
    "summary": "Satisfaction and service KPIs computed in SQL, monthly snapshots, "
    "a manager dashboard and Excel reports",
    "version": "18.0.1.1.0",
    "category": "Services/Service Quality",
    "website": "https://github.com/service-quality-odoo/service-quality",
    "author": "Service Quality for Odoo",
    "maintainers": ["service-quality-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["service_quality", "survey_extension"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/kpi_dashboard_security.xml",
        "security/ir.model.access.csv",
        "data/service_kpi_data.xml",
        "data/ir_cron_data.xml",
        "views/service_kpi_views.xml",
        "views/service_kpi_snapshot_views.xml",
        "views/service_agent_appraisal_views.xml",
        "views/service_customer_tier_views.xml",
        "wizards/service_kpi_export_views.xml",
        "views/kpi_dashboard_menus.xml",
    ],
    "demo": [
        "demo/service_customer_tier_demo.xml",
        "demo/service_kpi_benchmark_demo.xml",
        "demo/service_kpi_snapshot_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "kpi_dashboard/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "kpi_dashboard/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
