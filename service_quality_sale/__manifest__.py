# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Service Quality for Sales",
    "summary": "Expectation forms before delivery on sales orders, perception "
    "after delivery, complaints and complaint rates per order",
    "version": "18.0.1.0.0",
    "category": "Services/Service Quality",
    "website": "https://github.com/service-quality-odoo/service-quality",
    "author": "Service Quality for Odoo",
    "maintainers": ["service-quality-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["survey_extension", "kpi_dashboard", "sale"],
    "data": [
        "security/service_quality_sale_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/service_customer_tier_views.xml",
        "views/res_company_views.xml",
        "views/service_expectation_form_views.xml",
        "views/service_complaint_views.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/sale_portal_templates.xml",
    ],
    "demo": [
        "demo/sale_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "service_quality_sale/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
    "uninstall_hook": "uninstall_hook",
}
