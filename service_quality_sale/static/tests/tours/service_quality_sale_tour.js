/** @odoo-module **/
/* Copyright 2026 Service Quality for Odoo
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("service_quality_sale_order_complaint_tour", {
    steps: () => [
        {
            content: "Complain about the order from its portal page",
            trigger: "a.o_service_order_complain",
            run: "click",
        },
        {
            content: "The subject names the order",
            trigger: 'input[name="subject"][value*="Complaint about order"]',
        },
        {
            content: "Say what happened",
            trigger: 'textarea[name="description"]',
            run: "edit The cabinet arrived with a broken door.",
        },
        {
            content: "Send",
            trigger: 'form.o_complaint_form button[type="submit"]',
            run: "click",
        },
        {
            content: "The complaint shows the order it is about",
            trigger: ".o_complaint_sale_order a",
        },
    ],
});

registry.category("web_tour.tours").add("service_quality_sale_dashboard_tour", {
    steps: () => [
        {
            content: "The dashboard has the complaint rates per 1 000 orders",
            trigger: ".o_kpi_extra_sale_sales_team",
        },
        {
            content: "Look at this month",
            trigger: ".o_kpi_period",
            run: "select this_month",
        },
        {
            content: "Per sales team: orders, complaints, rate",
            trigger:
                ".o_kpi_extra_sale_sales_team tbody tr:contains('Test Sales East'):contains('500.0')",
        },
        {
            content: "Per product category",
            trigger:
                ".o_kpi_extra_sale_product_category tbody tr:contains('Test Machines'):contains('500.0')",
        },
    ],
});

registry.category("web_tour.tours").add("service_quality_sale_salesperson_tour", {
    steps: () => [
        {
            content: "The gap status on the order",
            trigger: ".o_form_view .o_field_widget[name='service_gap_status']:contains('Below Expectations')",
        },
        {
            content: "Open the order's expectation form",
            trigger: ".oe_stat_button[name='action_view_service_expectation_forms']",
            run: "click",
        },
        {
            content: "The form of the order, its gaps listed",
            trigger: ".o_form_view .o_field_widget[name='gap_ids'] .o_data_row:contains('-75')",
        },
        {
            content: "Read-only for the salesperson: the reviewer's buttons are not there",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_refresh_gaps']))",
        },
    ],
});
