/** @odoo-module */
// A portal customer files a complaint, finds it in My Complaints and replies.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("service_quality_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open My Complaints",
            trigger: "a[href='/my/complaints']",
            run: "click",
        },
        {
            content: "The complaint filed earlier is listed",
            trigger: "td:contains('Portal tour: earlier complaint')",
        },
        {
            content: "File a new complaint",
            trigger: "a.o_complaint_new",
            run: "click",
        },
        {
            trigger: "form.o_complaint_form input[name='subject']",
            run: "edit Portal tour: the parcel arrived open",
        },
        {
            trigger: "form.o_complaint_form textarea[name='description']",
            run: "edit Two cups were broken.",
        },
        {
            trigger: "form.o_complaint_form button[type='submit']",
            run: "click",
        },
        {
            content: "The new complaint is shown with its status",
            trigger: ".o_portal_complaint h3:contains('Portal tour: the parcel arrived open')",
        },
        {
            trigger: ".o_portal_complaint .badge:contains('New')",
        },
        {
            content: "Reply in the messages",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Here are photos of the broken cups.",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger:
                "#chatterRoot:shadow .o-mail-Message:contains('Here are photos of the broken cups.')",
        },
        {
            content: "Back to the list",
            trigger: ".breadcrumb a[href='/my/complaints']",
            run: "click",
        },
        {
            trigger: "td:contains('Portal tour: the parcel arrived open')",
        },
    ],
});
