# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Demo history subjects per complaint category (in the order of the
# generator's ``categories``), in English and in Chinese: the record's own
# language, the customer's, not the reader's.
DEMO_SUBJECTS = {
    False: [
        [
            "The device stops after a few minutes",
            "Cracked casing on delivery",
            "Fault after one week of use",
        ],
        [
            "Order a week late",
            "Parcel delivered to the wrong address",
            "Parcel damaged, parts missing",
        ],
        [
            "Invoice does not match the order",
            "Charged twice, refund wanted",
            "Invoice never received",
        ],
        [
            "Unfriendly answer on the hotline",
            "Shop staff impatient",
            "Several calls, nobody called back",
        ],
        [
            "Installer did not come at the agreed time",
            "Leak after installation",
            "Installation fee above the quote",
        ],
    ],
    True: [
        ["设备开机几分钟后自动停机", "收到的产品外壳有裂痕", "使用一周后出现故障"],
        ["订单延迟一周仍未送达", "快递送错地址", "包裹破损，配件缺失"],
        ["发票金额与订单不符", "重复扣款，要求退款", "一直未收到发票"],
        ["客服热线答复态度冷淡", "门店店员不耐烦", "多次来电无人回电"],
        ["安装师傅未按约定时间上门", "安装后出现漏水", "安装费用高于报价"],
    ],
}


class ServiceComplaint(models.Model):
    _inherit = "service.complaint"

    # The backlog reads the cases open during the period: those not closed
    # before its start.
    date_closed = fields.Datetime(index=True)

    def init(self):
        # The complaint KPIs of a period read only this index (an index-only
        # scan of the period's range): the columns of their cuts and figures,
        # a third of the table's width.
        self.env.cr.execute(
            SQL(
                """
                CREATE INDEX IF NOT EXISTS service_complaint_kpi_idx
                    ON service_complaint (date_received)
                    INCLUDE (company_id, stage_id, team_id, user_id, tier_id,
                             service_type_id, channel_id, date_first_response,
                             response_deadline, response_working_hours,
                             date_resolved, resolution_deadline,
                             resolution_working_hours, reopen_count,
                             escalation_level, date_closed, breach_date)
                """
            )
        )
        # The dashboard's "as of" (service.kpi._as_of): the newest change.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS service_complaint_write_date_idx"
                " ON service_complaint (write_date)"
            )
        )

    @api.model
    def _demo_kpi_history(self, months, seed):
        """Demo only: closed complaints spread over the past ``months``, as if
        the team had used the product for a year. Created with the ORM (so
        that standards and deadlines are matched), then their history dates
        are written in SQL: the process guards are meant for people, not for
        a past that already happened."""
        rng = random.Random(seed)
        ref = self.env.ref
        customers = [
            ref("service_quality.partner_hongda"),
            ref("service_quality.partner_xingchen"),
            ref("service_quality.partner_meijia"),
            ref("service_quality.partner_xiaoli"),
            ref("base.res_partner_2"),
            ref("base.res_partner_12"),
            ref("base.res_partner_3"),
            ref("base.res_partner_4"),
        ]
        teams = {
            ref("service_quality.team_after_sales"): [
                ref("service_quality.user_agent_wang"),
                ref("service_quality.user_agent_li"),
            ],
            ref("service_quality.team_key_accounts"): [
                ref("service_quality.user_agent_emma"),
            ],
        }
        categories = [
            ref("service_quality.category_product_quality"),
            ref("service_quality.category_delivery"),
            ref("service_quality.category_billing"),
            ref("service_quality.category_staff_attitude"),
            ref("service_quality.category_installation"),
        ]
        causes = [
            ref("service_quality.root_cause_supplier_defect"),
            ref("service_quality.root_cause_packaging"),
            ref("service_quality.root_cause_carrier_delay"),
            ref("service_quality.root_cause_wrong_information"),
            ref("service_quality.root_cause_training_gap"),
            ref("service_quality.root_cause_system_error"),
        ]
        channels = self.env["service.channel"].search([])
        service_type = ref("service_quality.service_type_complaint")
        closed = ref("service_quality.stage_closed")
        today = fields.Datetime.now().replace(hour=2, minute=0, second=0)
        values, history = [], []
        for back in range(months, 0, -1):
            month = today.replace(day=1) - relativedelta(months=back)
            for __ in range(rng.randint(8, 14)):
                team = rng.choice(list(teams))
                # Skewed like real complaints: a few causes dominate.
                index = min(int(rng.expovariate(0.8)), len(categories) - 1)
                received = month + timedelta(
                    days=rng.randint(0, 26), hours=rng.randint(0, 9)
                )
                partner = rng.choice(customers)
                # A subject in the customer's own language, like a real case.
                subjects = DEMO_SUBJECTS[partner.lang == "zh_CN"][index]
                values.append(
                    {
                        "name": subjects[len(values) % len(subjects)],
                        "partner_id": partner.id,
                        "team_id": team.id,
                        "user_id": rng.choice(teams[team]).id,
                        "category_id": categories[index].id,
                        "root_cause_id": causes[min(index + rng.randint(0, 1), 5)].id,
                        "channel_id": rng.choice(channels).id,
                        "service_type_id": service_type.id,
                        "date_received": received,
                    }
                )
                response = round(rng.lognormvariate(0.3, 0.8), 2)
                resolution = round(response + rng.lognormvariate(2.3, 0.7), 2)
                history.append(
                    (
                        received,
                        response,
                        resolution,
                        1 if rng.random() < 0.06 else 0,
                        1 if resolution > 30 else 0,
                    )
                )
        complaints = self.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        ).create(values)
        self.env.flush_all()
        rows = []
        for complaint, (received, response, resolution, reopened, escalated) in zip(
            complaints, history, strict=True
        ):
            first = received + timedelta(hours=response * 2)
            resolved = received + timedelta(hours=resolution * 2.4)
            response_late = bool(
                complaint.response_deadline and first > complaint.response_deadline
            )
            resolution_late = bool(
                complaint.resolution_deadline
                and resolved > complaint.resolution_deadline
            )
            breaches = [
                deadline
                for deadline, late in (
                    (complaint.response_deadline, response_late),
                    (complaint.resolution_deadline, resolution_late),
                )
                if late
            ]
            rows.append(
                SQL(
                    "(%s, %s::timestamp, %s::timestamp, %s::float8, %s::float8, "
                    "%s, %s, %s, %s::timestamp, %s, %s)",
                    complaint.id,
                    first,
                    resolved,
                    response,
                    resolution,
                    "breached" if response_late else "on_time",
                    "breached" if resolution_late else "on_time",
                    "breached" if breaches else "on_time",
                    min(breaches) if breaches else None,
                    reopened,
                    escalated,
                )
            )
        # One statement for the whole history.
        self.env.cr.execute(
            SQL(
                """
                UPDATE service_complaint t
                   SET stage_id = %(closed)s, is_closed = TRUE,
                       date_first_response = v.first, date_last_response = v.first,
                       date_resolved = v.resolved,
                       date_closed = v.resolved + interval '2 days',
                       response_working_hours = v.response,
                       resolution_working_hours = v.resolution,
                       response_status = v.response_status,
                       resolution_status = v.resolution_status,
                       deadline_status = v.deadline_status, next_deadline = NULL,
                       breach_date = v.breach, reopen_count = v.reopened,
                       escalation_level = v.escalated, escalation_next_date = NULL,
                       customer_evaluation = NULL
                  FROM (VALUES %(rows)s) AS v(id, first, resolved, response,
                       resolution, response_status, resolution_status,
                       deadline_status, breach, reopened, escalated)
                 WHERE t.id = v.id
                """,
                closed=closed.id,
                rows=SQL(", ").join(rows),
            )
        )
        complaints.invalidate_recordset()
        return complaints
