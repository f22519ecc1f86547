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
