/** @odoo-module **/
/* Copyright 2026 Service Quality for Odoo
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("survey_extension_csat_tour", {
    steps: () => [
        {
            content: "Start the satisfaction survey",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        {
            content: "Overall satisfaction: Neutral",
            trigger:
                'div.js_question-wrapper:contains("how satisfied are you") label:contains("Neutral")',
            run: "click",
        },
        {
            content: "Solved on first contact: Yes",
            trigger:
                'div.js_question-wrapper:contains("first contact") label:contains("Yes")',
            run: "click",
        },
        {
            content: "Recommend: 9",
            trigger:
                'div.js_question-wrapper:contains("recommend us") label:contains("9")',
            run: "click",
        },
        {
            content: "Comment",
            trigger: 'div.js_question-wrapper:contains("Anything else") textarea',
            run: "edit The technician was on time.",
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
