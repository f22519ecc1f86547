# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.service_quality.tests.common import shanghai

from .common import HelpdeskCommon


@tagged("post_install", "-at_install")
class TestTicketAccess(HelpdeskCommon):
    """Helpdesk agents see the deadlines of their team's tickets only; a
    portal customer's message on their ticket opens a next response."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env,
            login="hd_portal",
            name="Shop Owner Portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )

    def test_agent_of_the_team_reads_the_deadlines_and_the_norms(self):
        with self.at(shanghai(5, 9)):
            ticket = self.create_ticket()
        values = ticket.with_user(self.hd_agent).read(
            ["standard_id", "attitude_norms", "response_deadline", "deadline_status"]
        )[0]
        self.assertEqual(values["standard_id"][0], self.standard_repair.id)
        self.assertEqual(values["response_deadline"], shanghai(5, 14))
        with self.at(shanghai(5, 10)):
            self.agent_replies(ticket)
        self.assertEqual(ticket.date_first_response, shanghai(5, 10))

    def test_agent_of_another_team_does_not_see_the_ticket(self):
        ticket = self.create_ticket()
        with self.assertRaises(AccessError):
            ticket.with_user(self.hd_agent_b).read(["response_deadline"])
        other = self.create_ticket(
            team_id=self.hd_team_b.id, user_id=self.hd_agent_b.id
        )
        visible = (
            self.env["helpdesk.ticket"]
            .with_user(self.hd_agent_b)
            .search([("deadline_status", "!=", False)])
        )
        self.assertIn(other, visible)
        self.assertNotIn(ticket, visible)

    def test_portal_customer_message_opens_a_next_response(self):
        with self.at(shanghai(5, 9)):
            ticket = self.create_ticket()
        with self.at(shanghai(5, 10)):
            self.agent_replies(ticket)
        with self.at(shanghai(5, 14)):
            ticket.with_user(self.portal).message_post(
                body="Still broken",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(ticket.next_response_deadline, shanghai(5, 16))
        self.assertEqual(ticket.date_first_response, shanghai(5, 10))

    def test_portal_customer_does_not_see_others_tickets(self):
        ticket = self.create_ticket(partner_id=self.top_customer.id)
        with self.assertRaises(AccessError):
            ticket.with_user(self.portal).read(["response_deadline"])

    def test_agent_opens_the_ticket_views_without_service_rights(self):
        """A helpdesk agent who is no service user reads every field the
        ticket views show, related records' names included."""
        with self.at(shanghai(5, 9)):
            ticket = self.create_ticket()
        Ticket = self.env["helpdesk.ticket"].with_user(self.hd_agent)
        self.assertFalse(self.hd_agent.has_group("service_quality.group_service_user"))
        views = Ticket.get_views([(False, "form"), (False, "list"), (False, "kanban")])
        fields = views["models"]["helpdesk.ticket"]["fields"]
        spec = {
            name: {"fields": {"display_name": {}}}
            if fields[name]["type"] in ("many2one", "many2many", "one2many")
            else {}
            for name in fields
            if name not in ("properties",)
        }
        values = Ticket.browse(ticket.id).web_read(spec)[0]
        self.assertEqual(values["standard_id"]["display_name"], "Repair, every tier")
        self.assertEqual(values["deadline_status"], "on_time")
