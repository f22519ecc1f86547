/** @odoo-module **/
// Copyright 2026 Service Quality for Odoo
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {Component, onMounted, onWillStart, onWillUnmount, useRef, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {deserializeDateTime, formatDateTime} from "@web/core/l10n/dates";
import {loadBundle} from "@web/core/assets";
import {formatFloat} from "@web/core/utils/numbers";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

const STATUS_CLASS = {
    good: "text-bg-success",
    warning: "text-bg-warning",
    bad: "text-bg-danger",
    none: "text-bg-light",
};

export class KpiDashboard extends Component {
    static template = "kpi_dashboard.Dashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            period: "this_month",
            teamId: false,
            data: null,
            category: "all",
        });
        this.trendCanvas = useRef("trend");
        this.gapCanvas = useRef("gap");
        this.charts = [];
        this.periods = [
            ["this_month", _t("This month")],
            ["last_month", _t("Last month")],
            ["this_quarter", _t("This quarter")],
            ["this_year", _t("This year")],
            ["last_12", _t("Last 12 months")],
        ];
        this.categories = [
            ["all", _t("All")],
            ["satisfaction", _t("Satisfaction")],
            ["efficiency", _t("Efficiency")],
            ["quality", _t("Quality")],
            ["complaints", _t("Complaints")],
            ["promises", _t("Promises")],
            ["surveys", _t("Surveys")],
        ];
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
        onMounted(() => this.renderCharts());
        onWillUnmount(() => this.destroyCharts());
    }

    async load() {
        this.state.data = await this.orm.call("service.kpi", "get_dashboard_data", [], {
            period: this.state.period,
            team_ids: this.state.teamId ? [this.state.teamId] : false,
        });
    }

    async onPeriodChange(ev) {
        this.state.period = ev.target.value;
        await this.reload();
    }

    async onTeamChange(ev) {
        this.state.teamId = parseInt(ev.target.value, 10) || false;
        await this.reload();
    }

    async reload() {
        await this.load();
        this.renderCharts();
    }

    get tiles() {
        const tiles = this.state.data ? this.state.data.tiles : [];
        if (this.state.category === "all") {
            return tiles;
        }
        return tiles.filter((tile) => tile.category === this.state.category);
    }

    get asOf() {
        // UTC from the server, shown in the user's time zone.
        return formatDateTime(deserializeDateTime(this.state.data.as_of));
    }

    statusClass(tile) {
        return STATUS_CLASS[tile.status] || STATUS_CLASS.none;
    }

    format(value, unitKey) {
        if (value === null || value === undefined || value === false) {
            return "–";
        }
        const digits = unitKey === "count" ? 0 : 1;
        return formatFloat(value, {digits: [false, digits]});
    }

    arrowClass(tile) {
        const arrow = {up: "fa-arrow-up", down: "fa-arrow-down", flat: "fa-arrows-h"}[
            tile.trend.arrow
        ];
        let colour = "text-muted";
        if (tile.trend.good === true) {
            colour = "text-success";
        } else if (tile.trend.good === false) {
            colour = "text-danger";
        }
        return `fa ${arrow} ${colour}`;
    }

    openSnapshots(tile) {
        this.action.doAction("kpi_dashboard.service_kpi_snapshot_action", {
            additionalContext: {search_default_kpi_id: tile.id},
        });
    }

    openExport() {
        this.action.doAction("kpi_dashboard.service_kpi_export_action");
    }

    destroyCharts() {
        for (const chart of this.charts) {
            chart.destroy();
        }
        this.charts = [];
    }

    renderCharts() {
        this.destroyCharts();
        const data = this.state.data;
        if (!data || !this.trendCanvas.el) {
            return;
        }
        const palette = ["#714B67", "#017E84", "#E4A900", "#D44C59", "#3B82F6", "#22C55E"];
        const trendCodes = ["csat", "nps", "sla_resolution", "fcr", "promise_kept"];
        const datasets = data.tiles
            .filter((tile) => trendCodes.includes(tile.code.toLowerCase()))
            .map((tile, index) => ({
                label: tile.name,
                data: tile.series,
                borderColor: palette[index % palette.length],
                backgroundColor: palette[index % palette.length],
                spanGaps: true,
                tension: 0.2,
            }));
        this.charts.push(
            new window.Chart(this.trendCanvas.el, {
                type: "line",
                data: {labels: data.months, datasets},
                options: {
                    maintainAspectRatio: false,
                    plugins: {legend: {position: "bottom"}},
                },
            })
        );
        if (this.gapCanvas.el && data.servqual.length) {
            this.charts.push(
                new window.Chart(this.gapCanvas.el, {
                    type: "bar",
                    data: {
                        labels: data.servqual.map((row) => row.name),
                        datasets: [
                            {
                                label: _t("Expectation"),
                                data: data.servqual.map((row) => row.expectation),
                                backgroundColor: "#A5B4FC",
                            },
                            {
                                label: _t("Perception"),
                                data: data.servqual.map((row) => row.perception),
                                backgroundColor: "#017E84",
                            },
                            {
                                label: _t("Gap"),
                                data: data.servqual.map((row) => row.gap),
                                backgroundColor: "#D44C59",
                            },
                        ],
                    },
                    options: {
                        maintainAspectRatio: false,
                        plugins: {legend: {position: "bottom"}},
                    },
                })
            );
        }
    }
}

registry.category("actions").add("kpi_dashboard.dashboard", KpiDashboard);
