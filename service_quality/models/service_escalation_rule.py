# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MAX_ESCALATION_LEVEL = 3


class ServiceEscalationRule(models.Model):
    """One escalation level of a service standard (up to three).

    A level fires once, ``hours_after_breach`` working hours (of the
    standard's calendar) after the case first breached a deadline.
    """

    _name = "service.escalation.rule"
    _description = "Escalation Level of a Service Standard"
    _order = "standard_id, level"

    standard_id = fields.Many2one(
        "service.standard", required=True, ondelete="cascade", index=True
    )
    level = fields.Integer(required=True, default=1)
    hours_after_breach = fields.Float(
        string="Working Hours after Breach",
        help="0 escalates at the moment of the breach.",
    )
    notify = fields.Selection(
        [
            ("responsible", "Responsible"),
            ("team_leader", "Team Leader"),
            ("managers", "Service Managers"),
            ("user", "Specific User"),
        ],
        required=True,
        default="team_leader",
        help="Who receives the escalation activity and notification.",
    )
    user_id = fields.Many2one(
        "res.users", string="User to Notify", domain=[("share", "=", False)]
    )
    raise_priority = fields.Boolean(
        help="Raise the complaint's priority to Urgent at this level."
    )
    note = fields.Text(
        translate=True, help="What the notified person is expected to do."
    )

    _sql_constraints = [
        (
            "level_unique",
            "unique(standard_id, level)",
            "Each escalation level may appear only once per standard.",
        ),
    ]

    @api.constrains("level", "hours_after_breach", "notify", "user_id")
    def _check_rule(self):
        for rule in self:
            if not 1 <= rule.level <= MAX_ESCALATION_LEVEL:
                raise ValidationError(
                    _(
                        "Escalation levels go from 1 to %(max)s, not %(level)s.",
                        max=MAX_ESCALATION_LEVEL,
                        level=rule.level,
                    )
                )
            if rule.hours_after_breach < 0:
                raise ValidationError(
                    _("The working hours after a breach cannot be negative.")
                )
            if rule.notify == "user" and not rule.user_id:
                raise ValidationError(
                    _(
                        "Escalation level %(level)s needs the user to notify.",
                        level=rule.level,
                    )
                )

    @api.constrains("level", "hours_after_breach")
    def _check_levels_increase(self):
        for standard in self.standard_id:
            rules = standard.escalation_rule_ids.sorted("level")
            hours = rules.mapped("hours_after_breach")
            if hours != sorted(hours):
                raise ValidationError(
                    _(
                        "In standard %(standard)s a higher escalation level must not "
                        "fire before a lower one.",
                        standard=standard.display_name,
                    )
                )

    def _get_recipients(self, case):
        """Users to notify for ``case`` (a record of a model inheriting
        ``service.sla.mixin``) at this level."""
        self.ensure_one()
        if self.notify == "responsible":
            users = case._sla_responsible_user() or case._sla_team_leader()
        elif self.notify == "team_leader":
            users = case._sla_team_leader() or case._sla_responsible_user()
        elif self.notify == "managers":
            users = self.env.ref(
                "service_quality.group_service_manager"
            ).users.filtered(
                lambda user: case.company_id in user.company_ids and not user.share
            )
        else:
            users = self.user_id
        return users.filtered("active")
