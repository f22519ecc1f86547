# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ServiceQualityCommon


@tagged("post_install", "-at_install")
class TestPromise(ServiceQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.service_promise_bottom_line = "No refund above the invoice."
        cls.complaint = cls.create_complaint()
        cls.due_type = cls.env.ref("service_quality.mail_activity_type_promise_due")

    def create_promise(self, **values):
        vals = {
            "name": "A technician visits on Friday",
            "partner_id": self.contact.id,
            "user_id": self.agent.id,
            "team_id": self.team.id,
            "date_promised": datetime(2026, 1, 5, 2),
            "date_due": date(2026, 1, 9),
        }
        vals.update(values)
        return self.env["service.promise"].create(vals)

    def due_activities(self, promises):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "service.promise"),
                ("res_id", "in", promises.ids),
                ("activity_type_id", "=", self.due_type.id),
            ]
        )

    # ------------------------------------------------------------------
    # Recording a promise
    # ------------------------------------------------------------------
    def test_promise_on_complaint_takes_its_customer_team_and_owner(self):
        promise = self.env["service.promise"].create(
            {
                "name": "Call back tomorrow",
                "complaint_id": self.complaint.id,
                "date_due": date.today(),
            }
        )
        self.assertRecordValues(
            promise,
            [
                {
                    "partner_id": self.contact.id,
                    "commercial_partner_id": self.customer.id,
                    "tier_id": self.tier_small.id,
                    "team_id": self.team.id,
                    "user_id": self.agent.id,
                    "company_id": self.company.id,
                    "state": "open",
                    "bottom_line": "No refund above the invoice.",
                }
            ],
        )
        self.assertEqual(self.complaint.promise_count, 1)
        self.assertEqual(self.complaint.promise_ids, promise)
        action = self.complaint.action_view_promises()
        self.assertEqual(self.env["service.promise"].search(action["domain"]), promise)
        self.assertEqual(action["context"]["default_partner_id"], self.contact.id)
        self.assertEqual(action["context"]["default_user_id"], self.agent.id)

    def test_promise_form_on_complaint_and_own_bottom_line(self):
        form = Form(self.env["service.promise"].with_user(self.agent))
        self.assertEqual(form.bottom_line, "No refund above the invoice.")
        form.complaint_id = self.complaint
        self.assertEqual(form.partner_id, self.contact)
        self.assertEqual(form.team_id, self.team)
        form.name = "Replace the pump"
        form.date_due = date.today()
        form.bottom_line = "No free replacement of the motor."
        promise = form.save()
        self.assertEqual(promise.bottom_line, "No free replacement of the motor.")
        self.assertEqual(promise.user_id, self.agent)

    def test_promise_directly_on_customer_counts_on_partner(self):
        with freeze_time("2026-01-12 03:00:00"):
            self.create_promise(date_due=date(2026, 1, 9))
            self.create_promise(date_due=date(2026, 1, 20))
            self.create_promise(
                date_due=date(2026, 1, 8), state="kept", date_done=date(2026, 1, 8)
            )
            self.customer.invalidate_recordset()
            self.assertEqual(self.customer.service_promise_open_count, 2)
            self.assertEqual(self.customer.service_promise_overdue_count, 1)
            # The contact shows the counts of its company.
            self.assertEqual(self.contact.service_promise_overdue_count, 1)
            action = self.contact.action_view_service_promises()
            self.assertEqual(
                self.env["service.promise"].search(action["domain"]).mapped("date_due"),
                [date(2026, 1, 8), date(2026, 1, 9), date(2026, 1, 20)],
            )

    def test_due_date_before_promise_date_is_refused(self):
        with self.assertRefused(ValidationError, "cannot be due before"):
            self.create_promise(date_due=date(2026, 1, 4))
        # Same day is fine (Shanghai evening is still the same UTC day here).
        self.assertTrue(self.create_promise(date_due=date(2026, 1, 5)))

    def test_kept_or_broken_needs_a_date(self):
        promise = self.create_promise()
        with self.assertRefused(ValidationError, "when the promise"):
            promise.write({"state": "kept"})

    # ------------------------------------------------------------------
    # Kept, broken, cancelled, reopened
    # ------------------------------------------------------------------
    def test_mark_kept_and_broken_set_the_date_done(self):
        kept, broken = self.create_promise(), self.create_promise(name="Refund")
        with freeze_time("2026-01-08 03:00:00"):
            kept.with_user(self.agent).action_mark_kept()
            broken.with_user(self.agent).action_mark_broken()
        self.assertRecordValues(
            kept | broken,
            [
                {"state": "kept", "date_done": date(2026, 1, 8)},
                {"state": "broken", "date_done": date(2026, 1, 8)},
            ],
        )
        with self.assertRefused(UserError, "no longer open"):
            kept.action_mark_broken()
        kept.with_user(self.agent).action_reopen()
        self.assertRecordValues(kept, [{"state": "open", "date_done": False}])
        with self.assertRefused(UserError, "already open"):
            kept.action_reopen()

    def test_state_changes_are_tracked(self):
        promise = self.create_promise().with_context(
            tracking_disable=False, mail_notrack=False
        )
        # Tracking starts once the creating transaction commits.
        self.env.cr.precommit.run()
        promise.action_mark_broken()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = promise.message_ids.sudo().tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertEqual(tracked.new_value_char, "Broken")

    def test_only_managers_cancel(self):
        promise = self.create_promise()
        with self.assertRefused(AccessError, "Only service quality managers"):
            promise.with_user(self.agent).action_cancel()
        promise.with_user(self.manager).action_cancel()
        self.assertEqual(promise.state, "cancelled")
        self.assertFalse(promise.date_done)

    # ------------------------------------------------------------------
    # Overdue and the scheduled reminder
    # ------------------------------------------------------------------
    def test_overdue_flag_and_search(self):
        late = self.create_promise(date_due=date(2026, 1, 9))
        today = self.create_promise(date_due=date(2026, 1, 12))
        kept_late = self.create_promise(
            date_due=date(2026, 1, 6), state="kept", date_done=date(2026, 1, 7)
        )
        ours = late | today | kept_late
        Promise = self.env["service.promise"]
        with freeze_time("2026-01-12 03:00:00"):
            ours.invalidate_recordset(["is_overdue"])
            self.assertEqual(ours.mapped("is_overdue"), [True, False, False])
            domain = [("id", "in", ours.ids)]
            self.assertEqual(Promise.search(domain + [("is_overdue", "=", True)]), late)
            self.assertEqual(
                Promise.search(domain + [("is_overdue", "=", False)]), today | kept_late
            )
            self.assertEqual(
                Promise.search(domain + [("is_overdue", "!=", True)]), today | kept_late
            )

    def _filter_domain(self, name, uid=None):
        """The domain of a filter of the search view, evaluated as the web
        client does."""
        arch = self.env["service.promise"].get_view(
            self.env.ref("service_quality.service_promise_view_search").id, "search"
        )["arch"]
        node = etree.fromstring(arch).xpath(f"//filter[@name='{name}']")[0]
        return safe_eval(
            node.get("domain"),
            {
                "context_today": lambda: date.today(),
                "relativedelta": relativedelta,
                "uid": uid or self.env.uid,
            },
        )

    def test_search_filters_of_the_promise_menu(self):
        # Thursday 2026-01-08: the week runs from Monday 5 to Sunday 11.
        last_week = self.create_promise(
            date_promised=datetime(2026, 1, 1), date_due=date(2026, 1, 2)
        )
        monday = self.create_promise(date_due=date(2026, 1, 5))
        sunday = self.create_promise(date_due=date(2026, 1, 11), user_id=self.leader.id)
        next_week = self.create_promise(date_due=date(2026, 1, 12))
        kept = self.create_promise(
            date_due=date(2026, 1, 9), state="kept", date_done=date(2026, 1, 8)
        )
        broken = self.create_promise(
            date_due=date(2026, 1, 9), state="broken", date_done=date(2026, 1, 8)
        )
        ours = last_week | monday | sunday | next_week | kept | broken
        with freeze_time("2026-01-08 03:00:00"):

            def found(name):
                return self.env["service.promise"].search(
                    [("id", "in", ours.ids)] + self._filter_domain(name)
                )

            self.assertEqual(found("filter_overdue"), last_week | monday)
            self.assertEqual(found("filter_due_week"), monday | sunday)
            self.assertEqual(found("filter_kept"), kept)
            self.assertEqual(found("filter_broken"), broken)
            self.assertEqual(
                found("filter_open"), last_week | monday | sunday | next_week
            )
        mine = self.env["service.promise"].with_user(self.leader)
        domain = self._filter_domain("filter_mine", uid=self.leader.id)
        self.assertEqual(mine.search([("id", "in", ours.ids)] + domain), sunday)

    def test_cron_creates_one_activity_per_due_promise(self):
        overdue = self.create_promise(date_due=date(2026, 1, 9))
        due_today = self.create_promise(
            date_due=date(2026, 1, 12), user_id=False, team_id=self.team.id
        )
        later = self.create_promise(date_due=date(2026, 1, 13))
        kept = self.create_promise(
            date_due=date(2026, 1, 9), state="kept", date_done=date(2026, 1, 9)
        )
        Promise = self.env["service.promise"]
        with freeze_time("2026-01-12 03:00:00"):
            Promise._cron_schedule_due_activities()
            activities = self.due_activities(overdue | due_today | later | kept)
            self.assertEqual(activities.mapped("res_id"), [overdue.id, due_today.id])
            # Nobody owns the promise due today: its team leader is reminded.
            self.assertEqual(activities.mapped("user_id"), self.agent | self.leader)
            # Running again (the same day or the next) creates nothing more.
            Promise._cron_schedule_due_activities()
        with freeze_time("2026-01-13 03:00:00"):
            Promise._cron_schedule_due_activities()
            activities = self.due_activities(overdue | due_today | later | kept)
            self.assertEqual(len(activities), 3)
            self.assertEqual(self.due_activities(later).user_id, self.agent)
        # Keeping the promise closes its activity.
        overdue.action_mark_kept()
        self.assertFalse(self.due_activities(overdue))
        self.assertEqual(len(self.due_activities(due_today | later)), 2)

    def test_cron_works_in_batches(self):
        promises = self.env["service.promise"]
        for index in range(5):
            promises |= self.create_promise(name=f"Promise {index}")
        with freeze_time("2026-01-12 03:00:00"):
            done = self.env["service.promise"]._cron_schedule_due_activities(
                batch_size=2
            )
            self.assertEqual(done, promises[:2])
            self.env["service.promise"]._cron_schedule_due_activities(batch_size=2)
            self.env["service.promise"]._cron_schedule_due_activities(batch_size=2)
        self.assertEqual(len(self.due_activities(promises)), 5)


@tagged("post_install", "-at_install")
class TestPromiseAccess(ServiceQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Promise = cls.env["service.promise"]
        values = {"partner_id": cls.contact.id, "date_due": date.today()}
        cls.mine = Promise.create(
            dict(values, name="Mine", user_id=cls.agent.id, team_id=cls.other_team.id)
        )
        cls.my_team = Promise.create(
            dict(values, name="Team", user_id=cls.leader.id, team_id=cls.team.id)
        )
        cls.other = Promise.create(
            dict(
                values,
                name="Other",
                user_id=cls.other_agent.id,
                team_id=cls.other_team.id,
            )
        )
        cls.ours = cls.mine | cls.my_team | cls.other
        cls.company_b = cls.env["res.company"].create({"name": "Other Company"})
        cls.user_b = new_test_user(
            cls.env,
            login="sq_manager_b",
            name="Manager B",
            groups="service_quality.group_service_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def _visible(self, user):
        return (
            self.env["service.promise"]
            .with_user(user)
            .search([("id", "in", self.ours.ids)])
        )

    def test_agent_sees_own_and_own_team_promises(self):
        self.assertEqual(self._visible(self.agent), self.mine | self.my_team)
        with self.assertRaises(AccessError):
            self.other.with_user(self.agent).read(["name"])
        with self.assertRaises(AccessError):
            self.other.with_user(self.agent).action_mark_kept()
        with self.assertRaises(AccessError):
            self.mine.with_user(self.agent).unlink()

    def test_manager_sees_all_of_the_company(self):
        self.assertEqual(self._visible(self.manager), self.ours)
        self.assertFalse(self._visible(self.user_b))
        with self.assertRaises(AccessError):
            self.mine.with_user(self.user_b).read(["name"])
