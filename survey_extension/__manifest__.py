# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Service Quality Surveys",
    "summary": "Satisfaction surveys after complaints, expectation forms and "
    "perception gaps on service-quality dimensions, normalised scores for KPIs",
    "version": "18.0.1.0.0",
    "category": "Services/Service Quality",
    "website": "https://github.com/service-quality-odoo/service-quality",
    "author": "Service Quality for Odoo",
    "maintainers": ["service-quality-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["service_quality", "survey"],
    "data": [
        "security/survey_extension_security.xml",
        "security/ir.model.access.csv",
        "data/service_quality_dimension_data.xml",
        "data/service_satisfaction_level_data.xml",
        "data/mail_activity_type_data.xml",
        "data/survey_survey_data.xml",
        "data/service_complaint_stage_data.xml",
        "data/ir_cron_data.xml",
        "views/service_quality_dimension_views.xml",
        "views/service_satisfaction_level_views.xml",
        "views/service_survey_score_views.xml",
        "views/service_expectation_form_views.xml",
        "views/service_survey_campaign_views.xml",
        "wizards/service_survey_campaign_send_views.xml",
        "views/survey_survey_views.xml",
        "views/survey_question_views.xml",
        "views/survey_user_input_views.xml",
        "views/service_complaint_stage_views.xml",
        "views/service_complaint_views.xml",
        "views/res_partner_views.xml",
        "views/res_company_views.xml",
        "views/survey_extension_menus.xml",
    ],
    "demo": [
        "demo/survey_extension_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "survey_extension/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "uninstall_hook": "uninstall_hook",
}
