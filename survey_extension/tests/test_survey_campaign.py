# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .common import SurveyExtensionCommon


@freeze_time("2026-05-20 08:00:00")
class TestSurveyCampaign(SurveyExtensionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_campaign = cls.env["service.customer.tier"].create(
            {"name": "Campaign Tier"}
        )
        Partner = cls.env["res.partner"]
        cls.alpha, cls.beta, cls.gamma = Partner.create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "email": f"{name.lower()}@example.com",
                    "service_tier_id": cls.tier_campaign.id,
                }
                for name in ("Alpha", "Beta", "Gamma")
            ]
        )
        cls.gamma.email = False
        cls.tracking = cls.env.ref("survey_extension.survey_tracking")
        cls.campaign = cls.env["service.survey.campaign"].create(
            {
                "name": "Quarterly",
                "survey_id": cls.tracking.id,
                "period": "quarterly",
                "tier_ids": [Command.set(cls.tier_campaign.ids)],
                "max_per_period": 1,
            }
        )
        cls.other_campaign = cls.env["service.survey.campaign"].create(
            {
                "name": "Other",
                "survey_id": cls.tracking.id,
                "period": "monthly",
                "tier_ids": [Command.set(cls.tier_campaign.ids)],
            }
        )

    def invited(self, campaign):
        return campaign.input_ids.partner_id

    def test_cap_counts_every_campaign_in_the_period(self):
        # Alpha already got a tracking survey this quarter (April).
        with freeze_time("2026-04-02 09:00:00"):
            self.other_campaign.action_send_now()
        self.assertEqual(self.invited(self.other_campaign), self.alpha | self.beta)
        self.other_campaign.input_ids.filtered(
            lambda i: i.partner_id == self.beta
        ).service_date_sent = "2026-03-31 10:00:00"  # last quarter
        self.campaign.action_send_now()
        self.assertEqual(self.invited(self.campaign), self.beta)
        # Sending again in the same quarter invites nobody twice.
        self.campaign.action_send_now()
        self.assertEqual(len(self.campaign.input_ids), 1)
        self.assertEqual(self.campaign.invited_count, 1)
        # A higher cap lets Alpha in; Beta is not invited twice by a campaign.
        self.campaign.max_per_period = 2
        self.campaign.action_send_now()
        self.assertEqual(self.invited(self.campaign), self.alpha | self.beta)
        self.assertEqual(len(self.campaign.input_ids), 2)

    def test_next_period_invites_again_and_response_rate(self):
        self.campaign.action_send_now()
        self.assertEqual(len(self.campaign.input_ids), 2)
        with freeze_time("2026-07-01 08:00:00"):
            self.campaign.action_start()
            self.env["service.survey.campaign"]._cron_send_invitations()
        self.assertEqual(len(self.campaign.input_ids), 4)
        invitation = self.campaign.input_ids[0]
        self.answer(
            invitation,
            {
                self.env.ref("survey_extension.tracking_satisfaction"): self.env.ref(
                    "survey_extension.tracking_satisfaction_satisfied"
                )
            },
        )
        self.campaign.invalidate_recordset()
        self.assertRecordValues(
            self.campaign,
            [{"invited_count": 4, "responded_count": 1, "response_rate": 25.0}],
        )
        score = self.scores(invitation)
        self.assertEqual(score.campaign_id, self.campaign)
        self.assertEqual(score.service_kind, "tracking")

    def test_filter_on_customers_and_batches(self):
        self.campaign.partner_domain = "[('name', '=', 'Beta')]"
        remaining = self.campaign._send_invitations(batch_size=5)
        self.assertEqual(self.invited(self.campaign), self.beta)
        self.assertEqual(remaining, 0)
        self.campaign.partner_domain = "[]"
        self.campaign.max_per_period = 3
        self.campaign.input_ids.unlink()
        remaining = self.campaign._send_invitations(batch_size=1)
        self.assertEqual(len(self.campaign.input_ids), 1)
        self.assertEqual(remaining, 1)
        with self.assertRefused(ValidationError, "not valid"):
            self.campaign.partner_domain = "[('no_such_field', '=', 1)]"
        with self.assertRefused(ValidationError, "at least one"):
            self.campaign.max_per_period = 0

    def _send_wizard(self, campaign):
        action = campaign.action_confirm_send()
        self.assertEqual(action["res_model"], "service.survey.campaign.send")
        return (
            self.env[action["res_model"]].with_context(**action["context"]).create({})
        )

    def test_send_now_confirms_the_number_of_recipients(self):
        wizard = self._send_wizard(self.campaign)
        # Alpha and Beta; Gamma has no email address.
        self.assertEqual(wizard.recipient_count, 2)
        self.assertFalse(wizard.targets_everyone)
        wizard.action_send()
        self.assertEqual(self.invited(self.campaign), self.alpha | self.beta)
        # Asked again in the same period: nobody is left to invite.
        self.assertEqual(self._send_wizard(self.campaign).recipient_count, 0)

    def test_campaign_surveying_every_customer_needs_an_explicit_yes(self):
        everyone = self.env["service.survey.campaign"].create(
            {"name": "Everybody", "survey_id": self.tracking.id}
        )
        wizard = self._send_wizard(everyone)
        self.assertTrue(wizard.targets_everyone)
        self.assertGreaterEqual(wizard.recipient_count, 2)
        with self.assertRefused(UserError, "would survey every customer"):
            wizard.action_send()
        self.assertFalse(everyone.input_ids, "nobody was surveyed")
        # A filter that leaves nobody out is no restriction either.
        everyone.partner_domain = "[('id', '!=', 0)]"
        with self.assertRefused(UserError, "would survey every customer"):
            everyone.action_send_now()
        # A real restriction is sent without the extra confirmation.
        everyone.partner_domain = "[('name', '=', 'Beta')]"
        everyone.action_send_now()
        self.assertEqual(self.invited(everyone), self.beta)
        # The explicit yes sends to all of them.
        everyone.partner_domain = "[]"
        wizard = self._send_wizard(everyone)
        wizard.confirm_everyone = True
        wizard.action_send()
        self.assertLessEqual(self.alpha | self.beta, self.invited(everyone))

    def test_starting_a_campaign_for_every_customer_needs_an_explicit_yes(self):
        everyone = self.env["service.survey.campaign"].create(
            {"name": "Everybody", "survey_id": self.tracking.id}
        )
        action = everyone.action_start()
        self.assertEqual(action["context"]["default_mode"], "start")
        self.assertEqual(everyone.state, "draft", "not started without the yes")
        with self.assertRefused(UserError, "would survey every customer"):
            (everyone | self.campaign).action_start()
        self.assertEqual(self.campaign.state, "draft", "nothing half-started")
        wizard = self.env[action["res_model"]].with_context(**action["context"])
        wizard = wizard.create({})
        self.assertTrue(wizard.targets_everyone)
        wizard.confirm_everyone = True
        wizard.action_send()
        self.assertEqual(everyone.state, "running")
        self.assertFalse(everyone.input_ids, "started: the daily job sends")
        # A restricted campaign starts at once, as before.
        self.assertIs(self.campaign.action_start(), True)
        self.assertEqual(self.campaign.state, "running")
