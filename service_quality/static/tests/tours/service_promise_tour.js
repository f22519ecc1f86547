/** @odoo-module */
// An agent records a promise on a complaint, sees the bottom line, keeps it.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("service_quality_promise_tour", {
    steps: () => [
        {
            content: "Open the promises tab of the complaint",
            trigger: ".o_notebook .nav-link:contains('Promises')",
            run: "click",
        },
        {
            content: "Add a promise",
            trigger: ".o_field_widget[name='promise_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The company's bottom line is shown",
            trigger:
                ".modal .o_service_promise_bottom_line textarea:value('Never promise a refund.')",
        },
        {
            content: "The customer is the complaint's",
            trigger: ".modal .o_field_widget[name='partner_id'] input:value('Tour Promise Customer')",
        },
        {
            content: "What is promised",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Tour: a new screen by Friday",
        },
        {
            content: "By when",
            trigger: ".modal .o_field_widget[name='date_due'] input",
            run: "edit 12/31/2099",
        },
        {
            content: "Save the promise",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Save the complaint",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Keep the promise",
            trigger:
                ".o_form_saved .o_field_widget[name='promise_ids'] .o_data_row:contains('a new screen') button[name='action_mark_kept']",
            run: "click",
        },
        {
            content: "The promise is kept",
            trigger:
                ".o_field_widget[name='promise_ids'] .o_data_row:contains('a new screen') .o_field_badge:contains('Kept')",
        },
    ],
});
