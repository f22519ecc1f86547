# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import tagged

from .common import ServiceQualityCommon


@tagged("post_install", "-at_install")
class TestComplaintViews(ServiceQualityCommon):
    """What an agent sees first on the complaint views, checked on the
    views as the web client receives them (all extensions applied)."""

    def arch(self, view_type):
        Complaint = self.env["service.complaint"].with_user(self.agent)
        return etree.fromstring(
            Complaint.get_views([(False, view_type)])["views"][view_type]["arch"]
        )

    def test_form_shows_the_case_before_the_tabs(self):
        form = self.arch("form")
        sheet = form.find(".//sheet")
        order = [node for node in sheet.iter() if node.tag in ("field", "notebook")]
        names = [node.get("name") or node.tag for node in order]
        notebook = names.index("notebook")
        # Description and solution on the sheet itself, above the tabs.
        self.assertLess(names.index("description"), notebook)
        self.assertLess(names.index("solution"), notebook)
        self.assertFalse(form.xpath("//page[@name='description']"))
        # The channel is a plain many2one, not a row of buttons.
        [channel] = form.xpath("//field[@name='channel_id']")
        self.assertNotIn(channel.get("widget"), ("selection_badge", "radio"))
        # Dates the agent cannot edit are not shown empty.
        for name in ("date_first_response", "date_resolved"):
            [field] = form.xpath(f"//field[@name='{name}']")
            self.assertIn(f"not {name}", field.get("invisible", ""))
        # The escalation level as a badge in the title.
        [badge] = form.xpath(
            "//div[contains(@class, 'oe_title')]//field[@name='escalation_label']"
        )
        self.assertEqual(badge.get("widget"), "badge")

    def test_escalation_badge_in_the_readers_language(self):
        complaint = self.create_complaint()
        complaint.sudo().escalation_level = 2
        self.assertEqual(complaint.escalation_label, "Escalation level 2")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_service_quality")._update_translations(["zh_CN"])
        chinese = complaint.with_context(lang="zh_CN")
        self.assertEqual(chinese.escalation_label, "升级 2 级")
        complaint.sudo().escalation_level = 0
        self.assertFalse(complaint.escalation_label)

    def test_list_marks_a_breach_by_a_badge_not_a_red_row(self):
        tree = self.arch("list")
        self.assertIsNone(tree.get("decoration-danger"))
        self.assertIsNone(tree.get("decoration-warning"))
        [status] = tree.xpath("//field[@name='deadline_status']")
        self.assertEqual(status.get("widget"), "badge")
        self.assertEqual(
            status.get("decoration-danger"), "deadline_status == 'breached'"
        )

    def test_kanban_has_one_breach_signal_and_the_subject_first(self):
        kanban = self.arch("kanban")
        card = kanban.find(".//t[@t-name='card']")
        fields = [node.get("name") for node in card.iter("field")]
        self.assertEqual(fields[0], "name", "the subject comes first")
        self.assertNotIn("deadline_status", fields, "the countdown says it")
        self.assertTrue(card.xpath(".//*[contains(@class, 'o_complaint_tier')]"))

    def test_my_complaints_open_in_the_same_view_as_all(self):
        mine = self.env.ref("service_quality.service_complaint_action_mine")
        every = self.env.ref("service_quality.service_complaint_action")
        self.assertEqual(mine.view_mode, every.view_mode)
