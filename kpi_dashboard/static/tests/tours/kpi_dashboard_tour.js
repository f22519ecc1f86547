/** @odoo-module **/
// Copyright 2026 Service Quality for Odoo
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kpi_dashboard_tour", {
    steps: () => [
        {
            content: "The dashboard shows the KPI tiles",
            trigger: ".o_kpi_dashboard .o_kpi_tile[data-code='COMPLAINT_COUNT'] .o_kpi_value",
        },
        {
            content: "It opens on the last complete month, as the export",
            trigger: ".o_kpi_dashboard[data-period='last_month'] .o_kpi_tile",
        },
        {
            content: "The dashboard says how fresh its data is",
            trigger: ".o_kpi_as_of:contains('Data as of')",
        },
        {
            content: "Look at the last 12 months",
            trigger: ".o_kpi_period",
            run: "select last_12",
        },
        {
            content: "The dimensions are placed in their quadrants",
            trigger: ".o_kpi_ipa tbody tr:contains('KPI UI R') td:last-child:not(:empty)",
        },
        {
            content: "The team league table has rows",
            trigger: ".o_kpi_league_team tbody tr",
        },
        {
            content: "The league table says how to read it",
            trigger: ".o_kpi_league_legend",
        },
        {
            content: "A figure of too few cases: a quiet marker with its interval on hover",
            trigger: ".o_kpi_tile .o_kpi_not_significant[title]:not(.text-warning)",
        },
        {
            content: "Only the efficiency KPIs",
            trigger: ".o_kpi_dashboard .nav-link:contains('Efficiency')",
            run: "click",
        },
        {
            content: "Open the snapshots of the backlog",
            trigger: ".o_kpi_tile[data-code='BACKLOG']",
            run: "click",
        },
        {
            content: "The snapshots of the KPI open",
            trigger: ".o_pivot_view, .o_graph_view, .o_list_view",
        },
    ],
});
