/** @odoo-module **/
/* Copyright 2026 Service Quality for Odoo
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("survey_extension_opinion_tour", {
    steps: () => [
        {
            content: "Start the opinion card",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        {
            content: "How satisfied: Dissatisfied",
            trigger:
                'div.js_question-wrapper:contains("How satisfied are you") label:contains("Dissatisfied")',
            run: "click",
        },
        {
            content: "What should we improve",
            trigger: 'div.js_question-wrapper:contains("What should we improve") textarea',
            run: "edit Open on Saturdays.",
        },
        {
            content: "Submit",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Thank you page",
            trigger: 'h1:contains("Thank you")',
        },
    ],
});
