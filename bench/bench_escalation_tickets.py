# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The deadline check / escalation cron over many open helpdesk tickets
(service_quality_helpdesk), the tickets variant of bench_escalation.py with
the same target.

Generates ``--open`` open tickets directly in PostgreSQL, of which ``--due``
percent have just breached and ``--risk`` percent have just crossed their
warning threshold, then runs the tickets' scheduled action the way the
scheduler does and a second run that must find nothing left to do.

    bench/run.sh escalation_tickets
    SQ_BENCH_ARGS="--open 20000" bench/run.sh escalation_tickets
"""

import argparse

from bench_escalation import run_cron as run_model_cron
from bench_escalation import setup
from benchlib import Timer, environment, peak_memory_mb, registry

from odoo import Command, fields


def generate(env, count, due, risk, tag):
    service_team, agents, standard, partners = setup(env, tag)
    # Helpdesk's own rules: the agents are users of the helpdesk team.
    env.ref("helpdesk_mgmt.group_helpdesk_user").write(
        {"users": [Command.link(user.id) for user in agents | service_team.user_id]}
    )
    team = env["helpdesk.ticket.team"].create(
        {
            "name": f"Bench helpdesk {tag}",
            "user_id": service_team.user_id.id,
            "user_ids": [Command.set(agents.ids)],
            "service_team_id": service_team.id,
        }
    )
    category = env["helpdesk.ticket.category"].create(
        {"name": f"Bench {tag}", "service_type_id": standard.service_type_id.id}
    )
    stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
    now = fields.Datetime.now()
    # Helpdesk Rating's required column, when it is installed, for the
    # time of the insert.
    rating = "rating_status" in env["helpdesk.ticket"]._fields
    if rating:
        env.cr.execute(
            "ALTER TABLE helpdesk_ticket ALTER rating_status SET DEFAULT 'stage_change'"
        )
    env.cr.execute(
        """
        INSERT INTO helpdesk_ticket (
            number, name, description, company_id, partner_id,
            commercial_partner_id, stage_id, team_id, user_id, category_id,
            standard_id, service_type_id, service_team_id, priority, sequence,
            active, service_is_closed, unattended,
            resolution_paused, escalation_level, reopen_count,
            next_response_breach_count, service_date_received,
            response_deadline, response_warning_date, resolution_deadline,
            resolution_warning_date, response_status, resolution_status,
            deadline_status, breach_date, escalation_next_date, next_deadline,
            last_stage_update, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || %(tag)s || '/' || g,
               'Bench ticket ' || g, '<p>Bench</p>', %(company)s,
               (%(partners)s)[1 + g %% array_length(%(partners)s, 1)],
               (%(partners)s)[1 + g %% array_length(%(partners)s, 1)],
               %(stage)s, %(team)s,
               (%(agents)s)[1 + g %% array_length(%(agents)s, 1)],
               %(category)s, %(standard)s, %(type)s, %(service_team)s, '1', 10,
               TRUE, FALSE, TRUE, FALSE, 0, 0, 0,
               t.deadline - interval '4 hours',
               t.deadline, t.warning,
               t.deadline + interval '5 days', t.deadline + interval '4 days',
               t.status, 'on_time', t.status, t.deadline, t.deadline, t.deadline,
               %(now)s, 1, 1, %(now)s, %(now)s
          FROM generate_series(1, %(count)s) AS g,
          LATERAL (
            SELECT CASE
                     WHEN g %% 100 < %(due)s
                       THEN %(now)s - (g %% 900) * interval '1 second'
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
            "category": category.id,
            "standard": standard.id,
            "type": standard.service_type_id.id,
            "service_team": service_team.id,
            "now": now,
            "count": count,
            "due": due,
            "risk": risk,
        },
    )
    if rating:
        env.cr.execute("ALTER TABLE helpdesk_ticket ALTER rating_status DROP DEFAULT")
    env.cr.execute("ANALYZE helpdesk_ticket")
    return team


def run_cron(reg, batch_size):
    return run_model_cron(reg, batch_size, model="helpdesk.ticket")


def delete_bench_tickets(env):
    """Leave the bench database small for the next benchmark."""
    env.cr.execute("DELETE FROM mail_activity WHERE res_model = 'helpdesk.ticket'")
    env.cr.execute("DELETE FROM mail_message WHERE model = 'helpdesk.ticket'")
    # Helpdesk's duplicate_id has no index: its ON DELETE check would
    # scan the table once per deleted ticket.
    env.cr.execute(
        "CREATE INDEX IF NOT EXISTS bench_helpdesk_ticket_duplicate_idx"
        " ON helpdesk_ticket (duplicate_id)"
    )
    env.cr.execute("DELETE FROM helpdesk_ticket WHERE number LIKE 'BENCH/%%'")
    env.cr.execute("DROP INDEX bench_helpdesk_ticket_duplicate_idx")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=100_000, help="open tickets")
    parser.add_argument("--due", type=int, default=2, help="%% breached just now")
    parser.add_argument("--risk", type=int, default=2, help="%% just at risk")
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    reg = registry()
    tag = "T" + fields.Datetime.now().strftime("%H%M%S")
    with environment(reg) as env, Timer(f"generate {args.open} open tickets (SQL)"):
        team_id = generate(env, args.open, args.due, args.risk, tag).id
    with environment(reg) as env:
        Ticket = env["helpdesk.ticket"]
        with Timer("status refresh alone (SQL, all open tickets)"):
            at_risk = Ticket._refresh_deadline_statuses(fields.Datetime.now())
        print(f"  tickets newly at risk: {len(at_risk)}")
        env.cr.rollback()
    with Timer("escalation cron, whole run (batches until done)") as whole:
        runs, escalated = run_cron(reg, args.batch)
    print(f"  {runs} batches of at most {args.batch}, {escalated} tickets escalated")
    with environment(reg) as env:
        env.cr.execute(
            "SELECT count(*) FROM mail_activity a JOIN helpdesk_ticket t"
            " ON t.id = a.res_id AND a.res_model = 'helpdesk.ticket'"
            " WHERE t.team_id = %s",
            (team_id,),
        )
        print(f"  activities created (warnings + escalations): {env.cr.fetchone()[0]}")
    with Timer("second run right after (nothing left to do)") as again:
        __, escalated_again = run_cron(reg, args.batch)
    print(f"  escalated again: {escalated_again} (must be 0)")
    print(f"peak memory: {peak_memory_mb():.0f} MB")
    target = 30.0
    verdict = "OK" if whole.seconds < target and escalated_again == 0 else "TOO SLOW"
    print(
        f"RESULT escalation cron over {args.open} open tickets: "
        f"{whole.seconds:.1f} s (target < {target:.0f} s) {verdict}; "
        f"idle rerun {again.seconds:.2f} s"
    )
    with environment(reg) as env:
        delete_bench_tickets(env)


if __name__ == "__main__":
    main()
