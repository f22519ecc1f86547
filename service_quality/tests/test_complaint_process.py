# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ServiceQualityCommon, shanghai


@tagged("post_install", "-at_install")
@freeze_time(shanghai(5, 9))
class TestComplaintProcess(ServiceQualityCommon):
    def _assert_stage_refused(self, complaint, stage, message, **values):
        before = complaint.stage_id
        with self.assertRefused(ValidationError, message):
            complaint.write(dict(values, stage_id=stage.id))
        self.assertEqual(complaint.stage_id, before, "the stage must not change")
        for field_name in values:
            self.assertNotEqual(complaint[field_name], values[field_name])

    def test_new_complaint_gets_a_reference_and_the_first_stage(self):
        complaint = self.create_complaint()
        self.assertRegex(complaint.reference, r"^SC/\d{4}/\d{5}$")
        self.assertEqual(complaint.stage_id.kind, "new")
        self.assertEqual(
            complaint.display_name, f"[{complaint.reference}] {complaint.name}"
        )
        self.assertEqual(complaint.tier_id, self.tier_small)
        self.assertEqual(complaint.commercial_partner_id, self.customer)

    def test_result_cannot_be_fed_back_without_a_solution(self):
        complaint = self.create_complaint()
        self._assert_stage_refused(complaint, self.stage["fed_back"], "solution")
        self.assertFalse(complaint.date_resolved)
        complaint.write(
            {
                "solution": "<p>Replaced the board</p>",
                "stage_id": self.stage["fed_back"].id,
            }
        )
        self.assertEqual(complaint.stage_id, self.stage["fed_back"])
        self.assertEqual(complaint.date_resolved, shanghai(5, 9))

    def test_empty_html_is_not_a_solution(self):
        complaint = self.create_complaint()
        self._assert_stage_refused(
            complaint, self.stage["fed_back"], "solution", solution="<p><br></p>"
        )

    def test_dispatch_needs_a_responsible(self):
        complaint = self.create_complaint(user_id=False)
        self._assert_stage_refused(complaint, self.stage["dispatched"], "responsible")

    def test_evaluation_and_closing_need_their_data(self):
        complaint = self.create_complaint(solution="<p>Done</p>")
        complaint.stage_id = self.stage["fed_back"]
        self._assert_stage_refused(complaint, self.stage["evaluated"], "evaluation")
        complaint.write(
            {"customer_evaluation": "satisfied", "stage_id": self.stage["evaluated"].id}
        )
        self._assert_stage_refused(complaint, self.stage["closed"], "root cause")
        complaint.write(
            {"root_cause_id": self.root_cause.id, "stage_id": self.stage["closed"].id}
        )
        self.assertTrue(complaint.is_closed)
        self.assertEqual(complaint.date_closed, shanghai(5, 9))

    def test_clearing_the_solution_of_a_fed_back_case_is_refused(self):
        complaint = self.create_complaint(solution="<p>Done</p>")
        complaint.stage_id = self.stage["fed_back"]
        with self.assertRefused(ValidationError, "solution"):
            complaint.solution = False

    def test_moving_the_case_on_records_the_first_response(self):
        complaint = self.create_complaint()
        complaint.stage_id = self.stage["dispatched"]
        self.assertFalse(complaint.date_first_response, "dispatching is internal")
        complaint.stage_id = self.stage["handling"]
        self.assertEqual(complaint.date_first_response, shanghai(5, 9))

    def test_complaint_logged_in_a_later_stage_gets_its_dates(self):
        complaint = self.create_complaint(
            stage_id=self.stage["closed"].id,
            solution="<p>Solved during the call</p>",
            root_cause_id=self.root_cause.id,
        )
        self.assertEqual(complaint.date_first_response, shanghai(5, 9))
        self.assertEqual(complaint.date_resolved, shanghai(5, 9))
        self.assertEqual(complaint.date_closed, shanghai(5, 9))
        self.assertEqual(complaint.deadline_status, "on_time")

    def test_agent_cannot_cancel_or_archive_a_complaint(self):
        complaint = self.create_complaint().with_user(self.agent)
        with self.assertRefused(UserError, "Only service managers"):
            complaint.write(
                {"cancel_reason": "dup", "stage_id": self.stage["cancelled"].id}
            )
        with self.assertRefused(UserError, "Only service managers"):
            complaint.action_archive()
        self.assertTrue(complaint.active)

    def test_manager_cancels_with_a_reason_and_nothing_is_lost(self):
        complaint = self.create_complaint(description="<p>Original words</p>")
        wizard_form = Form(
            self.env["service.complaint.cancel"]
            .with_user(self.manager)
            .with_context(active_ids=complaint.ids)
        )
        wizard_form.reason = "Duplicate of another complaint"
        wizard_form.save().action_cancel()
        self.assertEqual(complaint.stage_id.kind, "cancelled")
        self.assertEqual(complaint.cancel_reason, "Duplicate of another complaint")
        self.assertIn("Original words", complaint.description)
        self.assertFalse(complaint.deadline_status, "cancelled cases have no deadline")
        self.assertTrue(complaint.date_closed)

    def test_cancelling_without_a_reason_is_refused(self):
        complaint = self.create_complaint().with_user(self.manager)
        with self.assertRefused(ValidationError, "cancellation reason"):
            complaint.stage_id = self.stage["cancelled"]

    def test_no_one_deletes_a_received_complaint(self):
        complaint = self.create_complaint()
        with self.assertRaises(AccessError):
            complaint.with_user(self.manager).unlink()
        with self.assertRefused(UserError, "cannot be deleted"):
            complaint.sudo().unlink()
        self.assertTrue(complaint.exists())

    def test_manager_archives_a_complaint(self):
        complaint = self.create_complaint()
        complaint.with_user(self.manager).action_archive()
        self.assertFalse(complaint.active)

    def test_take_assigns_the_complaint_to_oneself(self):
        complaint = self.create_complaint(user_id=False, team_id=False)
        complaint.with_user(self.manager).action_take()
        self.assertEqual(complaint.user_id, self.manager)

    def test_future_received_date_is_refused(self):
        with self.assertRefused(ValidationError, "future"):
            self.create_complaint(date_received=shanghai(9, 9))

    def test_partner_tier_is_shared_by_its_contacts(self):
        self.customer.service_tier_id = self.tier_top
        self.assertEqual(self.contact.service_tier_id, self.tier_top)
        self.assertEqual(self.customer.service_complaint_count, 0)
        self.create_complaint()
        self.customer.invalidate_recordset(["service_complaint_count"])
        self.assertEqual(self.customer.service_complaint_count, 1)


@tagged("post_install", "-at_install")
class TestComplaintTracking(ServiceQualityCommon):
    def test_every_stage_change_is_tracked_in_the_chatter(self):
        complaint = (
            self.create_complaint()
            .with_user(self.agent)
            .with_context(tracking_disable=False, mail_notrack=False)
        )
        # Tracking starts once the creating transaction commits.
        self.env.cr.precommit.run()
        complaint.stage_id = self.stage["handling"]
        self.env.flush_all()
        self.env.cr.precommit.run()
        message = complaint.message_ids[:1]
        tracked = message.sudo().tracking_value_ids.filtered(
            lambda value: value.field_id.name == "stage_id"
        )
        self.assertEqual(
            message.subtype_id, self.env.ref("service_quality.mt_complaint_stage")
        )
        self.assertEqual(tracked.old_value_char, self.stage["new"].name)
        self.assertEqual(tracked.new_value_char, self.stage["handling"].name)
