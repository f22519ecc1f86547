# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

# RFC 3834 and the de-facto headers of Exchange, Gmail and list servers.
AUTO_PRECEDENCES = {"auto_reply", "bulk", "junk", "list"}
# What our own automated mails carry, so that well-behaved mailers (and our
# own gateway, see below) do not answer them (RFC 3834).
AUTO_GENERATED_HEADERS = {"Auto-Submitted": "auto-generated"}


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _is_auto_submitted_message(self, message):
        """Whether an incoming ``email.message.Message`` was written by a
        machine (out-of-office, delivery report, newsletter): answering it
        automatically is how mail loops start."""
        auto_submitted = (message.get("Auto-Submitted") or "").strip().lower()
        if auto_submitted and auto_submitted != "no":
            return True
        if message.get("X-Autoreply") or message.get("X-Autorespond"):
            return True
        if message.get("X-Auto-Response-Suppress"):
            return True
        precedence = (message.get("Precedence") or "").strip().lower()
        return precedence in AUTO_PRECEDENCES

    def _message_route_process(self, message, message_dict, routes):
        """An automatic mail never opens a complaint (nobody complained) and
        never gets our acknowledgement back; on an existing complaint it is
        kept in the chatter as a note, mailed to nobody."""
        if not routes or not self._is_auto_submitted_message(message):
            return super()._message_route_process(message, message_dict, routes)
        kept = []
        for route in routes:
            model, thread_id = route[0], route[1]
            if model == "service.complaint" and not thread_id:
                _logger.info(
                    "Automatic mail %s from %s to a complaint alias ignored",
                    message_dict.get("message_id"),
                    message_dict.get("email_from"),
                )
                continue
            kept.append(route)
        if not kept:
            return False
        if any(route[0] == "service.complaint" for route in kept):
            message_dict["is_internal"] = True
            self = self.with_context(service_complaint_no_mail=True)
        return super()._message_route_process(message, message_dict, kept)
