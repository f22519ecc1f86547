# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The deadline check / escalation cron over many open complaints.

Generates ``--open`` open complaints directly in PostgreSQL, of which
``--due`` percent have just breached (escalation level 1 due now) and
``--risk`` percent have just crossed their warning threshold; the rest are
on time. Then runs the scheduled action the way the scheduler does — one
bounded batch per transaction, again while it reports work remaining — and
prints the time of the whole run, of the SQL status refresh alone, and of a
second run that must find nothing left to do.

    bench/run.sh escalation
    SQ_BENCH_ARGS="--open 100000 --due 2 --risk 2" bench/run.sh escalation
"""

import argparse

from benchlib import Timer, environment, peak_memory_mb, registry

from odoo import Command, fields


def setup(env, tag):
    """Users, a team, a standard with three escalation levels."""
    group = env.ref("service_quality.group_service_user")
    users = env["res.users"].with_context(no_reset_password=True)
    leader = users.create(
        {
            "name": f"Bench leader {tag}",
            "login": f"bench_leader_{tag}",
            "groups_id": [Command.link(group.id)],
        }
    )
    agents = users.create(
        [
            {
                "name": f"Bench agent {tag} {i}",
                "login": f"bench_agent_{tag}_{i}",
                "groups_id": [Command.link(group.id)],
            }
            for i in range(10)
        ]
    )
    team = env["service.team"].create(
        {
            "name": f"Bench team {tag}",
            "user_id": leader.id,
            "member_ids": [Command.set(agents.ids)],
        }
    )
    service_type = env["service.type"].create(
        {"name": f"Bench {tag}", "code": f"BENCH-{tag}"}
    )
    standard = env["service.standard"].create(
        {
            "name": f"Bench standard {tag}",
            "code": f"BENCH-STD-{tag}",
            "service_type_id": service_type.id,
            "response_hours": 4,
            "next_response_hours": 4,
            "resolution_hours": 40,
            "date_start": "2020-01-01",
            "escalation_rule_ids": [
                Command.create(
                    {"level": 1, "hours_after_breach": 0, "notify": "team_leader"}
                ),
                Command.create(
                    {"level": 2, "hours_after_breach": 8, "notify": "managers"}
                ),
                Command.create(
                    {"level": 3, "hours_after_breach": 16, "notify": "managers"}
                ),
            ],
        }
    )
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {tag} {i}", "is_company": True} for i in range(200)]
    )
    return team, agents, standard, partners


def generate(env, count, due, risk, tag):
    team, agents, standard, partners = setup(env, tag)
    stage = env["service.complaint.stage"].search([("kind", "=", "new")], limit=1)
    now = fields.Datetime.now()
    env.cr.execute(
        """
        INSERT INTO service_complaint (
            reference, name, company_id, partner_id, commercial_partner_id,
            stage_id, team_id, user_id, standard_id, service_type_id, priority,
            active, is_closed, resolution_paused, escalation_level,
            reopen_count, next_response_breach_count, date_received,
            response_deadline, response_warning_date, resolution_deadline,
            resolution_warning_date, response_status, resolution_status,
            deadline_status, breach_date, escalation_next_date, next_deadline,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || %(tag)s || '/' || g,
               'Bench complaint ' || g, %(company)s,
               (%(partners)s)[1 + g %% array_length(%(partners)s, 1)],
               (%(partners)s)[1 + g %% array_length(%(partners)s, 1)],
               %(stage)s, %(team)s,
               (%(agents)s)[1 + g %% array_length(%(agents)s, 1)],
               %(standard)s, %(type)s, '0',
               TRUE, FALSE, FALSE, 0, 0, 0,
               t.deadline - interval '4 hours',
               t.deadline, t.warning,
               t.deadline + interval '5 days', t.deadline + interval '4 days',
               t.status, 'on_time', t.status, t.deadline, t.deadline, t.deadline,
               1, 1, %(now)s, %(now)s
          FROM generate_series(1, %(count)s) AS g,
          LATERAL (
            SELECT CASE
                     -- just breached: the previous run had warned, level 1 due now
                     WHEN g %% 100 < %(due)s
                       THEN %(now)s - (g %% 900) * interval '1 second'
                     -- just at risk: warning passed, deadline ahead
                     WHEN g %% 100 < %(due)s + %(risk)s
                       THEN %(now)s + interval '1 hour'
                     ELSE %(now)s + (1 + g %% 72) * interval '1 hour'
                   END AS deadline,
                   CASE
                     WHEN g %% 100 < %(due)s THEN %(now)s - interval '1 hour'
                     WHEN g %% 100 < %(due)s + %(risk)s
                       THEN %(now)s - (g %% 900) * interval '1 second'
                     ELSE %(now)s + (g %% 72) * interval '1 hour'
                   END AS warning,
                   CASE WHEN g %% 100 < %(due)s THEN 'at_risk' ELSE 'on_time' END
                     AS status
          ) AS t
        """,
        {
            "tag": tag,
            "company": env.company.id,
            "partners": partners.ids,
            "agents": agents.ids,
            "stage": stage.id,
            "team": team.id,
            "standard": standard.id,
            "type": standard.service_type_id.id,
            "now": now,
            "count": count,
            "due": due,
            "risk": risk,
        },
    )
    env.cr.execute("ANALYZE service_complaint")
    return team


def run_cron(reg, batch_size, model="service.complaint"):
    """Like the scheduler: one batch per transaction while work remains, for
    any model of the deadline machinery (service.sla.mixin)."""
    runs = escalated = 0
    while True:
        with environment(reg) as env:
            due = env[model]._cron_check_deadlines(batch_size=batch_size)
            runs += 1
            escalated += len(due)
        if len(due) < batch_size:
            return runs, escalated


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=100_000, help="open complaints")
    parser.add_argument("--due", type=int, default=2, help="%% breached just now")
    parser.add_argument("--risk", type=int, default=2, help="%% just at risk")
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    reg = registry()
    tag = fields.Datetime.now().strftime("%H%M%S")
    with environment(reg) as env, Timer(f"generate {args.open} open complaints (SQL)"):
        team = generate(env, args.open, args.due, args.risk, tag)
        team_id = team.id
    with environment(reg) as env:
        env.cr.execute(
            "SELECT count(*) FROM service_complaint"
            " WHERE active AND is_closed IS NOT TRUE"
        )
        print(f"open complaints in the database: {env.cr.fetchone()[0]}")
        complaint = env["service.complaint"]
        with Timer("status refresh alone (SQL, all open complaints)"):
            at_risk = complaint._refresh_deadline_statuses(fields.Datetime.now())
        print(f"  cases newly at risk or breached: {len(at_risk)} at risk")
        env.cr.rollback()
    with Timer("escalation cron, whole run (batches until done)") as whole:
        runs, escalated = run_cron(reg, args.batch)
    print(f"  {runs} batches of at most {args.batch}, {escalated} complaints escalated")
    with environment(reg) as env:
        activities = env["mail.activity"].search_count(
            [
                ("res_model", "=", "service.complaint"),
                (
                    "res_id",
                    "in",
                    env["service.complaint"].search([("team_id", "=", team_id)]).ids,
                ),
            ]
        )
        print(f"  activities created (warnings + escalations): {activities}")
    with Timer("second run right after (nothing left to do)") as again:
        runs_again, escalated_again = run_cron(reg, args.batch)
    print(f"  escalated again: {escalated_again} (must be 0)")
    print(f"peak memory: {peak_memory_mb():.0f} MB")
    target = 30.0
    verdict = "OK" if whole.seconds < target and escalated_again == 0 else "TOO SLOW"
    print(
        f"RESULT escalation cron over {args.open} open complaints: "
        f"{whole.seconds:.1f} s (target < {target:.0f} s) {verdict}; "
        f"idle rerun {again.seconds:.2f} s"
    )
    with environment(reg) as env:
        # leave the bench database small for the next benchmark
        env.cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'service.complaint'"
        )
        env.cr.execute("DELETE FROM mail_message WHERE model = 'service.complaint'")
        env.cr.execute("DELETE FROM service_complaint WHERE reference LIKE 'BENCH/%%'")


if __name__ == "__main__":
    main()
