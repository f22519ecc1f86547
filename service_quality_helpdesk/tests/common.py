# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.service_quality.tests.common import ServiceQualityCommon


class HelpdeskCommon(ServiceQualityCommon):
    """Two helpdesk teams working the Shanghai office hours of
    ServiceQualityCommon (09-12 and 13-18, Monday to Friday), a repair
    category of the repair service type (4 h to respond, 2 h for a next
    response, 16 h to resolve) and helpdesk agents of each team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hd_agent = new_test_user(
            cls.env,
            login="hd_agent_a",
            name="Helpdesk Agent A",
            groups="helpdesk_mgmt.group_helpdesk_user_team",
        )
        cls.hd_agent_b = new_test_user(
            cls.env,
            login="hd_agent_b",
            name="Helpdesk Agent B",
            groups="helpdesk_mgmt.group_helpdesk_user_team",
        )
        cls.hd_leader = new_test_user(
            cls.env,
            login="hd_leader",
            name="Helpdesk Leader",
            groups="helpdesk_mgmt.group_helpdesk_user_team",
        )
        Team = cls.env["helpdesk.ticket.team"]
        cls.hd_team = Team.create(
            {
                "name": "Repairs A",
                "user_id": cls.hd_leader.id,
                "user_ids": [Command.set((cls.hd_agent | cls.hd_leader).ids)],
                "service_team_id": cls.team.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.hd_team_b = Team.create(
            {
                "name": "Repairs B",
                "user_ids": [Command.set(cls.hd_agent_b.ids)],
                "service_team_id": cls.other_team.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Machine repair", "service_type_id": cls.type_repair.id}
        )
        ref = cls.env.ref
        cls.hd_stage = {
            "new": ref("helpdesk_mgmt.helpdesk_ticket_stage_new"),
            "progress": ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
            "awaiting": ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting"),
            "done": ref("helpdesk_mgmt.helpdesk_ticket_stage_done"),
            "cancelled": ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled"),
        }
        # No stage mail in the tests: only what this addon sends.
        cls.hd_stage["done"].mail_template_id = False

    @classmethod
    def create_ticket(cls, **values):
        vals = {
            "name": "The machine does not start",
            "description": "<p>It beeps three times.</p>",
            "partner_id": cls.contact.id,
            "category_id": cls.category.id,
            "team_id": cls.hd_team.id,
            "user_id": cls.hd_agent.id,
        }
        vals.update(values)
        ticket = cls.env["helpdesk.ticket"].create(vals)
        ticket.flush_recordset()
        return ticket

    def customer_writes(self, ticket, body="Here is the serial number"):
        """The customer's mail, as the mail gateway posts it."""
        return ticket.message_post(
            body=body,
            author_id=self.contact.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )

    def agent_replies(self, ticket, user=None, body="We are on it"):
        return ticket.with_user(user or self.hd_agent).message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
