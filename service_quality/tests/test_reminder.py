# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ServiceQualityCommon


@tagged("post_install", "-at_install")
class TestReminder(ServiceQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref(
            "service_quality.mail_template_reminder_maintenance_due"
        )
        cls.call_type = cls.env.ref("mail.mail_activity_data_call")
        Partner = cls.env["res.partner"]
        cls.small_2 = Partner.create(
            {
                "name": "Corner Store",
                "is_company": True,
                "service_tier_id": cls.tier_small.id,
                "email": "corner@example.com",
            }
        )
        cls.no_email = Partner.create(
            {
                "name": "Silent Shop",
                "is_company": True,
                "service_tier_id": cls.tier_small.id,
            }
        )
        # The contact of a tier company is not a target of its own.
        cls.small_customers = cls.customer | cls.small_2 | cls.no_email

    def create_reminder(self, **values):
        vals = {
            "name": "Maintenance due",
            "partner_id": self.customer.id,
            "mode": "mail",
            "mail_template_id": self.template.id,
            "date_start": date(2026, 1, 31),
        }
        vals.update(values)
        return self.env["service.reminder"].create(vals)

    def logs(self, reminder):
        return self.env["service.reminder.log"].search(
            [("reminder_id", "=", reminder.id)], order="id"
        )

    # ------------------------------------------------------------------
    # Configuration
    # ------------------------------------------------------------------
    def test_reminder_targets_one_customer_or_one_tier(self):
        with self.assertRefused(ValidationError, "either to one customer"):
            self.create_reminder(tier_id=self.tier_small.id)
        with self.assertRefused(ValidationError, "either to one customer"):
            self.create_reminder(partner_id=False)
        with self.assertRefused(ValidationError, "email template"):
            self.create_reminder(mail_template_id=False)
        with self.assertRefused(ValidationError, "activity type"):
            self.create_reminder(mode="activity")
        reminder = self.create_reminder(partner_id=False, tier_id=self.tier_small.id)
        self.assertEqual(reminder._get_target_partners(), self.small_customers)
        self.assertEqual(reminder.next_date, date(2026, 1, 31))

    def test_monthly_reminder_keeps_the_day_of_month_at_month_ends(self):
        reminder = self.create_reminder(
            recurrence="repeat", interval_number=1, interval_unit="months"
        )
        dates = []
        day = reminder.next_date
        for _month in range(4):
            day = reminder._add_interval(day)
            dates.append(day)
        self.assertEqual(
            dates,
            [
                date(2026, 2, 28),
                date(2026, 3, 31),
                date(2026, 4, 30),
                date(2026, 5, 31),
            ],
        )
        leap = self.create_reminder(
            date_start=date(2024, 2, 29),
            recurrence="repeat",
            interval_number=1,
            interval_unit="years",
        )
        self.assertEqual(leap._add_interval(date(2024, 2, 29)), date(2025, 2, 28))
        weekly = self.create_reminder(
            recurrence="repeat", interval_number=2, interval_unit="weeks"
        )
        self.assertEqual(weekly._add_interval(date(2026, 1, 31)), date(2026, 2, 14))

    # ------------------------------------------------------------------
    # Scheduled sending
    # ------------------------------------------------------------------
    def test_cron_sends_once_and_moves_to_the_next_occurrence(self):
        reminder = self.create_reminder(
            recurrence="repeat", interval_number=1, interval_unit="months"
        )
        Reminder = self.env["service.reminder"]
        with freeze_time("2026-01-30 02:00:00"):
            Reminder._cron_send_due()
            self.assertFalse(self.logs(reminder))
        with freeze_time("2026-01-31 02:00:00"):
            Reminder._cron_send_due()
            Reminder._cron_send_due()
        log = self.logs(reminder)
        self.assertRecordValues(
            log,
            [
                {
                    "partner_id": self.customer.id,
                    "state": "sent",
                    "mode": "mail",
                    "occurrence_date": date(2026, 1, 31),
                }
            ],
        )
        mail = self.env["mail.mail"].search(
            [("mail_message_id", "=", log.mail_message_id.id)]
        )
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertEqual(mail.subject, "Your maintenance is due")
        self.assertIn("Small Shop Ltd", str(mail.body_html))
        self.assertEqual(
            ast.literal_eval(mail.headers).get("Auto-Submitted"), "auto-generated"
        )
        self.assertRecordValues(
            reminder, [{"next_date": date(2026, 2, 28), "last_date": date(2026, 1, 31)}]
        )
        # Missed runs do not pile up: one reminder, then the next future date.
        with freeze_time("2026-04-02 02:00:00"):
            Reminder._cron_send_due()
        self.assertEqual(len(self.logs(reminder)), 2)
        self.assertEqual(reminder.next_date, date(2026, 4, 30))

    def test_one_off_reminder_is_done_after_sending(self):
        reminder = self.create_reminder()
        with freeze_time("2026-02-03 02:00:00"):
            self.env["service.reminder"]._cron_send_due()
            self.env["service.reminder"]._cron_send_due()
        self.assertEqual(len(self.logs(reminder)), 1)
        self.assertFalse(reminder.active)
        self.assertFalse(reminder.next_date)

    def test_tier_reminder_reaches_every_customer_and_logs_failures(self):
        reminder = self.create_reminder(partner_id=False, tier_id=self.tier_small.id)
        with freeze_time("2026-01-31 02:00:00"):
            self.env["service.reminder"]._cron_send_due()
        logs = self.logs(reminder)
        self.assertEqual(logs.partner_id, self.small_customers)
        failed = logs.filtered(lambda log: log.state == "failed")
        self.assertEqual(failed.partner_id, self.no_email)
        self.assertIn("Silent Shop has no email address", failed.error)
        self.assertFalse(failed.mail_message_id)
        sent = logs - failed
        self.assertEqual(sent.mapped("state"), ["sent", "sent"])
        self.assertEqual(len(sent.mail_message_id), 2)
        self.assertFalse(reminder.active)
        self.assertEqual(reminder.failed_log_count, 1)

    def test_cron_batches_customers_without_sending_twice(self):
        reminder = self.create_reminder(
            partner_id=False,
            tier_id=self.tier_small.id,
            recurrence="repeat",
            interval_number=1,
            interval_unit="weeks",
        )
        Reminder = self.env["service.reminder"]
        with freeze_time("2026-01-31 02:00:00"):
            self.assertEqual(Reminder._cron_send_due(batch_size=2), 2)
            self.assertEqual(reminder.next_date, date(2026, 1, 31))
            self.assertEqual(Reminder._cron_send_due(batch_size=2), 1)
            self.assertEqual(Reminder._cron_send_due(batch_size=2), 0)
        self.assertEqual(self.logs(reminder).partner_id, self.small_customers)
        self.assertEqual(len(self.logs(reminder)), 3)
        self.assertEqual(reminder.next_date, date(2026, 2, 7))

    def test_activity_reminder_gives_staff_an_activity(self):
        reminder = self.create_reminder(
            partner_id=False,
            tier_id=self.tier_top.id,
            mode="activity",
            mail_template_id=False,
            activity_type_id=self.call_type.id,
            user_id=self.agent.id,
            note="<p>Ask about the new line.</p>",
        )
        with freeze_time("2026-01-31 02:00:00"):
            self.env["service.reminder"]._cron_send_due()
        log = self.logs(reminder)
        self.assertEqual(log.partner_id, self.top_customer)
        self.assertRecordValues(
            log.activity_id,
            [
                {
                    "res_model": "res.partner",
                    "res_id": self.top_customer.id,
                    "activity_type_id": self.call_type.id,
                    "user_id": self.agent.id,
                    "summary": "Maintenance due",
                    "date_deadline": date(2026, 1, 31),
                }
            ],
        )

    def test_send_now_and_log_per_customer(self):
        reminder = self.create_reminder(
            recurrence="repeat", interval_number=1, interval_unit="months"
        )
        with freeze_time("2026-01-10 02:00:00"):
            action = reminder.with_user(self.agent).action_send_now()
        self.assertEqual(
            self.env["service.reminder.log"].search(action["domain"]).trigger,
            "manual",
        )
        # The schedule is kept: the reminder still goes out on the 31st.
        self.assertEqual(reminder.next_date, date(2026, 1, 31))
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.service_reminder_log_count, 1)
        action = self.customer.action_view_service_reminder_logs()
        self.assertEqual(
            self.env["service.reminder.log"].search(action["domain"]).reminder_id,
            reminder,
        )

    def test_mail_is_written_in_the_customer_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_service_quality")._update_translations(["zh_CN"])
        self.customer.lang = "zh_CN"
        reminder = self.create_reminder()
        with freeze_time("2026-01-31 02:00:00"):
            reminder.action_send_now()
        mail = self.env["mail.mail"].search(
            [("mail_message_id", "=", self.logs(reminder).mail_message_id.id)]
        )
        self.assertEqual(mail.subject, "您的设备保养到期了")
        self.assertIn("定期保养", str(mail.body_html))

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_other_company_does_not_see_reminders_or_logs(self):
        reminder = self.create_reminder()
        reminder.action_send_now()
        company_b = self.env["res.company"].create({"name": "Other Company"})
        user_b = new_test_user(
            self.env,
            login="sq_manager_b",
            groups="service_quality.group_service_manager",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        self.assertFalse(self.env["service.reminder"].with_user(user_b).search([]))
        self.assertFalse(self.env["service.reminder.log"].with_user(user_b).search([]))
        with self.assertRaises(AccessError):
            reminder.with_user(user_b).read(["name"])

    def test_agents_cannot_rewrite_or_delete_the_log(self):
        reminder = self.create_reminder()
        reminder.action_send_now()
        log = self.logs(reminder).with_user(self.agent)
        self.assertEqual(log.state, "sent")
        with self.assertRaises(AccessError):
            log.write({"state": "failed"})
        with self.assertRaises(AccessError):
            log.unlink()
        with self.assertRaises(AccessError):
            reminder.with_user(self.agent).unlink()
