/** @odoo-module **/
// Copyright 2026 Service Quality for Odoo
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {KpiDashboard} from "@kpi_dashboard/dashboard/kpi_dashboard";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

// The dashboard of complaints, helpdesk tickets or both.
patch(KpiDashboard.prototype, {
    setup() {
        super.setup(...arguments);
        this.state.sources = "all";
        this.caseSources = [
            ["all", _t("Complaints and tickets")],
            ["complaint", _t("Complaints")],
            ["ticket", _t("Tickets")],
        ];
    },

    async load() {
        this.state.data = await this.orm.call("service.kpi", "get_dashboard_data", [], {
            period: this.state.period,
            team_ids: this.state.teamId ? [this.state.teamId] : false,
            sources: this.state.sources,
        });
    },

    async onSourcesChange(ev) {
        this.state.sources = ev.target.value;
        await this.reload();
    },
});
