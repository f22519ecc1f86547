# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Side by side on the same open helpdesk tickets: the bridge's deadline
machinery (service_quality_helpdesk) against OCA helpdesk_mgmt_sla's own.

Needs helpdesk_mgmt_sla installed in the bench database (it is not by
default: ``-i helpdesk_mgmt_sla`` on it). Generates ``--open`` tickets as
bench_escalation_tickets.py does, then measures for both:

- computing the deadlines of all these tickets (ours: the stored computes of
  the response and resolution deadlines in the team's working hours, through
  the ORM; theirs: ``set_sla()``, which creates one ``helpdesk.ticket.sla`` a
  ticket and plans its deadline in the same calendar);
- finding the overdue ones (ours: the status refresh in SQL, then a count of
  breached tickets; theirs: a search on ``sla_expired``).

    SQ_BENCH_ARGS="--open 10000" bench/run.sh escalation_tickets_oca
"""

import argparse

from bench_escalation_tickets import delete_bench_tickets, generate
from benchlib import Timer, environment, peak_memory_mb, registry

from odoo import Command, fields


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=10_000, help="open tickets")
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    reg = registry()
    tag = "O" + fields.Datetime.now().strftime("%H%M%S")
    with environment(reg) as env:
        if "ticket_sla_ids" not in env["helpdesk.ticket"]._fields:
            raise SystemExit("helpdesk_mgmt_sla is not installed in this database")
    with environment(reg) as env, Timer(f"generate {args.open} open tickets (SQL)"):
        team = generate(env, args.open, 2, 2, tag)
        team.use_sla = True
        env["helpdesk.sla"].create(
            {
                "name": f"Bench {tag}",
                "team_ids": [Command.set(team.ids)],
                "hours": 16,
            }
        )
        team_id = team.id
    with environment(reg) as env:
        Ticket = env["helpdesk.ticket"]
        ids = Ticket.search([("team_id", "=", team_id)]).ids
        with Timer("ours: response and resolution deadlines (ORM computes)") as ours:
            for start in range(0, len(ids), args.batch):
                tickets = Ticket.browse(ids[start : start + args.batch])
                for name in ("response_deadline", "resolution_deadline"):
                    env.add_to_compute(Ticket._fields[name], tickets)
                tickets.flush_recordset()
                env.invalidate_all()
        with Timer("theirs: set_sla() (one helpdesk.ticket.sla a ticket)") as theirs:
            for start in range(0, len(ids), args.batch):
                Ticket.browse(ids[start : start + args.batch]).set_sla()
                env.flush_all()
                env.invalidate_all()
        with Timer("ours: overdue tickets (SQL status refresh + count)") as ours_find:
            Ticket._refresh_deadline_statuses(fields.Datetime.now())
            breached = Ticket.search_count(
                [("team_id", "=", team_id), ("deadline_status", "=", "breached")]
            )
        with Timer("theirs: overdue tickets (search on sla_expired)") as their_find:
            expired = Ticket.search_count(
                [("team_id", "=", team_id), ("sla_expired", "=", True)]
            )
        print(f"  overdue found: ours {breached}, theirs {expired}")
        env.cr.rollback()
    print(f"peak memory: {peak_memory_mb():.0f} MB")
    print(
        f"RESULT {len(ids)} tickets: deadlines ours {ours.seconds:.1f} s, theirs "
        f"{theirs.seconds:.1f} s ({theirs.seconds / max(ours.seconds, 1e-6):.1f}x); "
        f"overdue ours {ours_find.seconds:.2f} s, theirs {their_find.seconds:.2f} s"
    )
    with environment(reg) as env:
        delete_bench_tickets(env)


if __name__ == "__main__":
    main()
