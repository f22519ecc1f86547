/** @odoo-module */
// An agent records a phone complaint, handles it and feeds the result back.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("service_quality_complaint_tour", {
    url: "/odoo/action-service_quality.service_complaint_action",
    steps: () => [
        {
            content: "Create a complaint",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour: the screen stays black",
        },
        {
            content: "Customer",
            trigger: ".o_field_widget[name='partner_id'] input",
            run: "edit Tour Customer",
        },
        {
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tour Customer')",
            run: "click",
        },
        {
            content: "The customer's tier is filled in",
            trigger: ".o_field_widget[name='tier_id'] input:value('Tour Tier')",
        },
        {
            content: "Service type",
            trigger: ".o_field_widget[name='service_type_id'] input",
            run: "edit Tour Repair",
        },
        {
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tour Repair')",
            run: "click",
        },
        {
            content: "The standard is matched and its attitude norms are shown",
            trigger: ".o_service_attitude_norms:contains('Smile on the phone')",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Start handling it",
            trigger: ".o_form_saved .o_statusbar_status button:contains('In Progress')",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('In Progress')",
        },
        {
            content: "Write the solution, on the sheet next to the description",
            trigger: ".o_field_html[name='solution'] .odoo-editor-editable",
            run: "editor We replaced the display board.",
        },
        {
            content: "Feed the result back",
            trigger: ".o_statusbar_status button:contains('Result Fed Back')",
            run: "click",
        },
        {
            content: "The case is in 'Result Fed Back'",
            trigger:
                ".o_form_saved .o_statusbar_status button.o_arrow_button_current:contains('Result Fed Back')",
        },
    ],
});
