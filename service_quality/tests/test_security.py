# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ServiceQualityCommon


@tagged("post_install", "-at_install")
class TestComplaintAccess(ServiceQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.create_complaint(name="Mine", team_id=cls.other_team.id)
        cls.my_team = cls.create_complaint(name="My team's", user_id=cls.leader.id)
        cls.other = cls.create_complaint(
            name="Other team's", team_id=cls.other_team.id, user_id=cls.other_agent.id
        )
        cls.unassigned_other_team = cls.create_complaint(
            name="Other team's queue", team_id=cls.other_team.id, user_id=False
        )
        cls.ours = cls.mine | cls.my_team | cls.other | cls.unassigned_other_team

    def _visible(self, user):
        return (
            self.env["service.complaint"]
            .with_user(user)
            .search([("id", "in", self.ours.ids)])
        )

    def test_agent_sees_own_and_own_team_complaints_only(self):
        self.assertEqual(self._visible(self.agent), self.mine | self.my_team)
        with self.assertRaises(AccessError):
            self.other.with_user(self.agent).read(["name"])
        with self.assertRaises(AccessError):
            self.other.with_user(self.agent).write({"priority": "2"})

    def test_team_leader_sees_the_team_queue(self):
        self.assertEqual(self._visible(self.leader), self.my_team)
        self.assertEqual(
            self._visible(self.other_agent),
            self.other | self.unassigned_other_team | self.mine,
        )

    def test_manager_sees_everything(self):
        self.assertEqual(self._visible(self.manager), self.ours)

    def test_agent_reads_but_does_not_configure_standards(self):
        standard = self.standard_repair.with_user(self.agent)
        self.assertEqual(standard.response_hours, 4)
        with self.assertRaises(AccessError):
            standard.write({"response_hours": 40})
        with self.assertRaises(AccessError):
            self.env["service.customer.tier"].with_user(self.agent).create(
                {"name": "VIP"}
            )

    def test_manager_configures_standards_and_tiers(self):
        self.standard_repair.with_user(self.manager).write({"response_hours": 3})
        tier = (
            self.env["service.customer.tier"]
            .with_user(self.manager)
            .create({"name": "VIP"})
        )
        self.assertTrue(tier)

    def test_employee_without_service_group_has_no_access(self):
        employee = new_test_user(
            self.env, login="sq_employee", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.env["service.complaint"].with_user(employee).search([])
        # ...but sees the tier of customers on the contact form.
        self.assertEqual(
            self.customer.with_user(employee).service_tier_id, self.tier_small
        )

    def test_portal_user_reads_only_their_company_complaints(self):
        # Portal customers see their own company's complaints in the portal,
        # read-only; those of other customers do not exist for them.
        portal = new_test_user(self.env, login="sq_portal", groups="base.group_portal")
        other = self.create_complaint()
        Complaint = self.env["service.complaint"].with_user(portal)
        self.assertFalse(Complaint.search([]))
        with self.assertRaises(AccessError):
            other.with_user(portal).read(["name"])
        own = self.create_complaint(partner_id=portal.partner_id.id)
        self.assertEqual(Complaint.search([]), own)
        with self.assertRaises(AccessError):
            own.with_user(portal).write({"name": "Changed by the customer"})
        with self.assertRaises(AccessError):
            Complaint.create(
                {"name": "Created directly", "partner_id": portal.partner_id.id}
            )


@tagged("post_install", "-at_install")
class TestMultiCompany(ServiceQualityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.manager_b = new_test_user(
            cls.env,
            login="sq_manager_b",
            groups="service_quality.group_service_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.complaint_a = cls.create_complaint(name="Company A case")

    def test_other_company_manager_sees_nothing_of_company_a(self):
        Complaint = self.env["service.complaint"].with_user(self.manager_b)
        self.assertFalse(Complaint.search([("id", "=", self.complaint_a.id)]))
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.manager_b).read(["name"])
        with self.assertRaises(AccessError):
            self.team.with_user(self.manager_b).read(["name"])
        with self.assertRaises(AccessError):
            self.standard_repair.with_user(self.manager_b).read(["name"])

    def test_shared_standard_applies_in_every_company(self):
        self.standard_repair.company_id = False
        team_b = self.env["service.team"].create(
            {"name": "Team B", "company_id": self.company_b.id}
        )
        partner_b = self.env["res.partner"].create(
            {"name": "B customer", "company_id": self.company_b.id}
        )
        complaint = (
            self.env["service.complaint"]
            .with_user(self.manager_b)
            .create(
                {
                    "name": "B case",
                    "partner_id": partner_b.id,
                    "service_type_id": self.type_repair.id,
                    "team_id": team_b.id,
                }
            )
        )
        self.assertEqual(complaint.company_id, self.company_b)
        self.assertEqual(complaint.standard_id, self.standard_repair)
