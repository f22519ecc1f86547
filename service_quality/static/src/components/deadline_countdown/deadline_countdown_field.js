/** @odoo-module **/
// A deadline shown as the time left before it ("3h 20m left") or past it
// ("overdue 2d 4h", "超时 2天4小时"), which is what an agent scanning a queue
// needs, short enough for a list column; the exact date and time stay in the
// tooltip.
import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {formatDateTime} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const {DateTime} = luxon;

export function formatDuration(minutes) {
    const total = Math.max(0, Math.round(Math.abs(minutes)));
    const days = Math.floor(total / 1440);
    const hours = Math.floor((total % 1440) / 60);
    const mins = total % 60;
    if (days) {
        return hours
            ? _t("%(days)sd %(hours)sh", {days, hours})
            : _t("%(days)sd", {days});
    }
    if (hours) {
        return mins
            ? _t("%(hours)sh %(minutes)sm", {hours, minutes: mins})
            : _t("%(hours)sh", {hours});
    }
    return _t("%(minutes)sm", {minutes: mins});
}

export class DeadlineCountdownField extends Component {
    static template = "service_quality.DeadlineCountdownField";
    static props = {...standardFieldProps};

    get value() {
        return this.props.record.data[this.props.name];
    }

    get minutesLeft() {
        return this.value ? this.value.diff(DateTime.now(), "minutes").minutes : null;
    }

    get label() {
        const left = this.minutesLeft;
        if (left === null) {
            return "";
        }
        const duration = formatDuration(left);
        return left < 0
            ? _t("overdue %(duration)s", {duration})
            : _t("%(duration)s left", {duration});
    }

    get className() {
        const left = this.minutesLeft;
        if (left === null) {
            return "";
        }
        if (left < 0) {
            return "text-danger fw-bold";
        }
        return left < 120 ? "text-warning fw-bold" : "text-muted";
    }

    get tooltip() {
        return this.value ? formatDateTime(this.value) : "";
    }
}

registry.category("fields").add("deadline_countdown", {
    component: DeadlineCountdownField,
    displayName: _t("Deadline countdown"),
    supportedTypes: ["datetime"],
});
