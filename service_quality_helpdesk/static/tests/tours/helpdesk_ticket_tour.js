/** @odoo-module **/
// Copyright 2026 Service Quality for Odoo
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("service_quality_helpdesk_tour", {
    steps: () => [
        {
            content: "The kanban card of the late ticket shows the breached badge",
            trigger:
                ".o_kanban_record:contains('Tour: printer still jams') .o_field_widget[name='deadline_status'] .text-bg-danger",
        },
        {
            content: "Open the late ticket",
            trigger: ".o_kanban_record:contains('Tour: printer still jams') .fw-bold",
            run: "click",
        },
        {
            content: "The form warns that the deadline is breached",
            trigger: ".o_form_view .alert-danger:contains('breached')",
        },
        {
            content: "The attitude norms of the standard are on the form",
            trigger: ".o_notebook .nav-link:contains('Service Standard')",
            run: "click",
        },
        {
            content: "The norms are shown",
            trigger: ".o_form_view .o_field_widget[name='attitude_norms']:contains('Be kind')",
        },
    ],
});

registry.category("web_tour.tours").add("service_quality_helpdesk_dashboard_tour", {
    steps: () => [
        {
            content: "Tickets only",
            trigger: ".o_kpi_dashboard .o_kpi_sources",
            run: "select ticket",
        },
        {
            content: "The figures are reloaded",
            trigger: ".o_kpi_tile[data-code='COMPLAINT_COUNT'] .o_kpi_value",
        },
    ],
});
