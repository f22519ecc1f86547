/** @odoo-module **/
// Copyright 2026 Service Quality for Odoo
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {Component, onMounted, onWillStart, onWillUnmount, useRef, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {
    deserializeDate,
    deserializeDateTime,
    formatDate,
    formatDateTime,
} from "@web/core/l10n/dates";
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
            // The last complete month, as the export wizard.
            period: "last_month",
            teamId: false,
            data: null,
            category: "all",
        });
        this.trendCanvas = useRef("trend");
        this.gapCanvas = useRef("gap");
        this.ipaCanvas = useRef("ipa");
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
        // UTC from the server, shown in the user's time zone, without
        // seconds like the chatter and the complaint fields.
        return formatDateTime(deserializeDateTime(this.state.data.as_of), {
            showSeconds: false,
        });
    }

    get periodDates() {
        // The user's date format, as every other date on the screen.
        const {start, end} = this.state.data.period;
        return `${formatDate(deserializeDate(start))} → ${formatDate(deserializeDate(end))}`;
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

    intervalTitle(tile) {
        if (tile.ci_low === null || tile.ci_low === undefined) {
            return _t("Too few cases (n = %s) to be significant", tile.n);
        }
        return _t("Too few cases (n = %(n)s): 95 % interval %(low)s–%(high)s", {
            n: tile.n,
            low: this.format(tile.ci_low, tile.unit_key),
            high: this.format(tile.ci_high, tile.unit_key),
        });
    }

    rootCauseMissingText(missing) {
        return _t(
            "Data quality: %(share)s % of the resolved complaints (%(missing)s of %(resolved)s) have no root cause and are left out of the root causes above.",
            {share: this.format(missing.share), missing: missing.missing, resolved: missing.resolved}
        );
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
                // "2026年1月" / "Jan 2026": the months in the user's language
                data: {
                    labels: data.months.map((month) =>
                        luxon.DateTime.fromISO(`${month}-01`).toLocaleString({
                            year: "numeric",
                            month: "short",
                        })
                    ),
                    datasets,
                },
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
        if (this.ipaCanvas.el && data.ipa.points.length) {
            this.charts.push(new window.Chart(this.ipaCanvas.el, this.ipaChart(data.ipa)));
        }
    }

    ipaChart(ipa) {
        // One dataset per quadrant, so that the legend names the quadrants;
        // the cross-hairs at the means as two dashed lines.
        const colours = {
            concentrate: "#D44C59",
            keep_up: "#22C55E",
            low_priority: "#9CA3AF",
            overkill: "#E4A900",
        };
        const importances = ipa.points.map((point) => point.importance);
        const performances = ipa.points.map((point) => point.performance);
        const pad = (values, cut) => {
            const spread = Math.max(...values.map((v) => Math.abs(v - cut)), 1e-6) * 1.25;
            return [cut - spread, cut + spread];
        };
        const [xMin, xMax] = pad(importances, ipa.importance_cut);
        const [yMin, yMax] = pad(performances, ipa.performance_cut);
        const cross = {
            type: "line",
            borderColor: "#6B7280",
            borderDash: [4, 4],
            borderWidth: 1,
            pointRadius: 0,
            fill: false,
        };
        const datasets = ipa.quadrants.map(([key, label]) => ({
            type: "scatter",
            label,
            data: ipa.points
                .filter((point) => point.quadrant === key)
                .map((point) => ({x: point.importance, y: point.performance, name: point.name})),
            backgroundColor: colours[key],
            pointRadius: 7,
        }));
        datasets.push(
            {...cross, label: "", data: [{x: ipa.importance_cut, y: yMin}, {x: ipa.importance_cut, y: yMax}]},
            {...cross, label: "", data: [{x: xMin, y: ipa.performance_cut}, {x: xMax, y: ipa.performance_cut}]}
        );
        // Each point named next to it: the chart reads without the table.
        const names = {
            id: "kpiIpaNames",
            afterDatasetsDraw(chart) {
                const ctx = chart.ctx;
                ctx.save();
                ctx.font = "11px sans-serif";
                ctx.fillStyle = "#374151";
                chart.data.datasets.forEach((dataset, index) => {
                    if (dataset.type !== "scatter" || !chart.isDatasetVisible(index)) {
                        return;
                    }
                    chart.getDatasetMeta(index).data.forEach((element, position) => {
                        ctx.fillText(dataset.data[position].name, element.x + 9, element.y + 4);
                    });
                });
                ctx.restore();
            },
        };
        return {
            type: "scatter",
            data: {datasets},
            plugins: [names],
            options: {
                maintainAspectRatio: false,
                scales: {
                    x: {min: xMin, max: xMax, title: {display: true, text: _t("Importance (derived weight)")}},
                    y: {min: yMin, max: yMax, title: {display: true, text: _t("Performance (mean perception)")}},
                },
                plugins: {
                    legend: {
                        position: "bottom",
                        labels: {filter: (item) => item.text !== ""},
                    },
                    tooltip: {
                        filter: (item) => item.raw && item.raw.name,
                        callbacks: {
                            label: (item) =>
                                `${item.raw.name}: ${formatFloat(item.raw.x, {digits: [false, 2]})}, ${formatFloat(item.raw.y, {digits: [false, 2]})}`,
                        },
                    },
                },
            },
        };
    }
}

registry.category("actions").add("kpi_dashboard.dashboard", KpiDashboard);
