# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""KPIs, dashboard and Excel export at scale.

Generates directly in PostgreSQL (``INSERT ... SELECT generate_series``)
``--complaints`` complaints over three years (of which ``--month-rows`` in
the last full month, the month exported), survey answers making
``--scores`` score records, expectation gaps and promises, spread over 50
teams and 500 agents. Then prints:

- the full KPI set for one year cut by month and team (target < 1 s),
  computed, then as the dashboard and the workbook read it: the closed
  months from their monthly snapshots (made first, as the cron would have),
  the open month computed;
- one dashboard load (tiles, 12-month trends, causes, league tables);
- the same KPIs for one month, SQL against a per-record ORM loop, and the
  ratio (target >= 50x);
- the Excel export of the last full month with its detail sheet, in a
  process of its own so that its peak memory is its own (targets < 10 s,
  < 300 MB).

The escalation cron over 100 000 open cases is bench_escalation.py.

    bench/run.sh kpi
    SQ_BENCH_ARGS="--complaints 100000 --scores 200000" bench/run.sh kpi
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta

from benchlib import Timer, environment, peak_memory_mb, registry
from dateutil.relativedelta import relativedelta

from odoo import Command, fields

TEAMS, AGENTS_PER_TEAM, CUSTOMERS = 50, 10, 5000


def setup(env, tag):
    """Teams, agents, customers in tiers, categories and a survey (ORM)."""
    group = env.ref("service_quality.group_service_user")
    users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    agents = users.create(
        [
            {
                "name": f"Bench agent {tag} {i}",
                "login": f"bench_kpi_{tag}_{i}",
                "groups_id": [Command.link(group.id)],
            }
            for i in range(TEAMS * AGENTS_PER_TEAM)
        ]
    )
    teams = env["service.team"].create(
        [
            {
                "name": f"Bench team {tag} {t}",
                "user_id": agents[t * AGENTS_PER_TEAM].id,
                "member_ids": [
                    Command.set(
                        agents[t * AGENTS_PER_TEAM : (t + 1) * AGENTS_PER_TEAM].ids
                    )
                ],
            }
            for t in range(TEAMS)
        ]
    )
    tiers = env["service.customer.tier"].create(
        [
            {"name": f"Bench tier {tag} {name}", "count_as_active": active}
            for name, active in (
                ("top", True),
                ("large", True),
                ("medium", True),
                ("small", True),
                ("inactive", False),
                ("prospect", False),
            )
        ]
    )
    partners = env["res.partner"].create(
        [
            {
                "name": f"Bench customer {tag} {i}",
                "is_company": True,
                "service_tier_id": tiers[i % len(tiers)].id,
            }
            for i in range(CUSTOMERS)
        ]
    )
    categories = env["service.complaint.category"].create(
        [{"name": f"Bench category {tag} {i}"} for i in range(10)]
    )
    causes = env["service.root.cause"].create(
        [{"name": f"Bench cause {tag} {i}"} for i in range(10)]
    )
    survey = env["survey.survey"].create(
        {
            "title": f"Bench survey {tag}",
            "service_kind": "csat",
            "question_and_page_ids": [
                Command.create({"title": f"q{i}", "question_type": "numerical_box"})
                for i in range(8)
            ],
        }
    )
    return agents, teams, tiers, partners, categories, causes, survey


def generate(env, args, tag):
    agents, teams, tiers, partners, categories, causes, survey = setup(env, tag)
    today = fields.Date.context_today(env["res.partner"])
    month = today.replace(day=1) - relativedelta(months=1)
    start = today - relativedelta(years=3)
    closed = env.ref("service_quality.stage_closed")
    handling = env.ref("service_quality.stage_handling")
    channels = env["service.channel"].search([]).ids
    dimensions = env["service.quality.dimension"].search([]).ids
    params = {
        "tag": tag,
        "company": env.company.id,
        "partners": partners.ids,
        "tiers": tiers.ids,
        "agents": agents.ids,
        "per_team": AGENTS_PER_TEAM,
        "agent_count": len(agents),
        "teams": teams.ids,
        "categories": categories.ids,
        "causes": causes.ids,
        "channels": channels,
        "closed": closed.id,
        "handling": handling.id,
        "start": start,
        "month": month,
        "span": (month - start).days,
        "month_rows": args.month_rows,
        "spread": args.complaints - args.month_rows,
        "now": fields.Datetime.now(),
        "survey": survey.id,
        "questions": survey.question_ids.ids,
        "dimensions": dimensions,
        "inputs": args.scores // 8,
    }
    # Complaints: random over three years, plus a busy exported month. A
    # tenth of the last two months is still open.
    env.cr.execute(
        """
        INSERT INTO service_complaint (
            reference, name, company_id, partner_id, commercial_partner_id,
            tier_id, stage_id, team_id, user_id, channel_id, category_id,
            root_cause_id, priority, active, is_closed, resolution_paused,
            escalation_level, reopen_count, next_response_breach_count,
            date_received, date_first_response, response_working_hours,
            response_deadline, date_resolved, resolution_working_hours,
            resolution_deadline, date_closed, response_status,
            resolution_status, deadline_status, breach_date,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BK/' || %(tag)s || '/' || g, 'Bench complaint ' || g,
               %(company)s, p.partner, p.partner, p.tier,
               CASE WHEN c.open THEN %(handling)s ELSE %(closed)s END,
               (%(teams)s)[1 + a.agent_index / %(per_team)s],
               (%(agents)s)[1 + a.agent_index],
               (%(channels)s)[1 + g %% array_length(%(channels)s, 1)],
               (%(categories)s)[1 + floor(10 * random() ^ 2)::int],
               (%(causes)s)[1 + floor(10 * random() ^ 2)::int],
               '0', TRUE, NOT c.open, FALSE,
               CASE WHEN random() < 0.08 THEN 1 ELSE 0 END,
               CASE WHEN random() < 0.05 THEN 1 ELSE 0 END, 0,
               c.received, c.received + c.response * interval '2 hours',
               c.response, c.received + interval '4 hours',
               CASE WHEN c.open THEN NULL
                    ELSE c.received + c.resolution * interval '2 hours' END,
               CASE WHEN c.open THEN NULL ELSE c.resolution END,
               c.received + interval '3 days',
               CASE WHEN c.open THEN NULL
                    ELSE c.received + c.resolution * interval '2 hours'
                         + interval '1 day' END,
               CASE WHEN c.response <= 2 THEN 'on_time' ELSE 'breached' END,
               CASE WHEN c.resolution <= 36 THEN 'on_time' ELSE 'breached' END,
               CASE WHEN c.response <= 2 AND c.resolution <= 36 THEN 'on_time'
                    ELSE 'breached' END,
               CASE WHEN c.response > 2 THEN c.received + interval '4 hours'
                    WHEN c.resolution > 36 THEN c.received + interval '3 days'
               END,
               1, 1, %(now)s, %(now)s
          FROM generate_series(1, %(spread)s + %(month_rows)s) AS g,
          LATERAL (SELECT floor(random() * %(agent_count)s + 0 * g)::int
                          AS agent_index) AS a,
          LATERAL (SELECT (%(partners)s)[1 + g %% array_length(%(partners)s, 1)]
                          AS partner,
                          (%(tiers)s)[1 + (g %% array_length(%(partners)s, 1))
                                          %% array_length(%(tiers)s, 1)] AS tier) AS p,
          LATERAL (
            SELECT r.received, r.response, r.response + 2 + r.extra AS resolution,
                   r.received > %(now)s - interval '60 days' AND random() < 0.1
                       AS open
              FROM (SELECT CASE WHEN g <= %(spread)s
                                THEN %(start)s::timestamp
                                     + random() * %(span)s * interval '1 day'
                                ELSE %(month)s::timestamp
                                     + random() * interval '27 days'
                           END AS received,
                           round((random() * random() * 8)::numeric, 2)::float
                               AS response,
                           round((random() * 40)::numeric, 2)::float AS extra
                   ) AS r
          ) AS c
        """,
        params,
    )
    # Survey answers: 8 scores each (satisfaction, NPS, FCR, 5 dimensions).
    env.cr.execute(
        """
        INSERT INTO survey_user_input (
            survey_id, access_token, state, partner_id, service_kind,
            service_company_id, service_team_id, service_agent_id,
            service_date_sent, create_date, write_date, create_uid, write_uid)
        SELECT %(survey)s, md5(%(tag)s || '-' || g), 'done',
               (%(partners)s)[1 + g %% array_length(%(partners)s, 1)], 'csat',
               %(company)s, (%(teams)s)[1 + a.agent_index / %(per_team)s],
               (%(agents)s)[1 + a.agent_index],
               %(start)s::timestamp + random() * (%(span)s + 28) * interval '1 day',
               %(now)s, %(now)s, 1, 1
          FROM generate_series(1, %(inputs)s) AS g,
          LATERAL (SELECT floor(random() * %(agent_count)s + 0 * g)::int
                          AS agent_index) AS a
        """,
        params,
    )
    env.cr.execute(
        """
        INSERT INTO service_survey_score (
            user_input_id, question_id, survey_id, service_kind, measure,
            dimension_id, value, native_value, native_max, is_satisfied,
            nps_category, date, company_id, partner_id, tier_id, team_id,
            user_id, create_date, write_date, create_uid, write_uid)
        SELECT u.id, (%(questions)s)[q], %(survey)s, 'csat',
               CASE WHEN q = 1 THEN 'satisfaction' WHEN q = 2 THEN 'nps'
                    WHEN q = 3 THEN 'fcr' ELSE 'dimension' END,
               CASE WHEN q > 3 THEN (%(dimensions)s)[1 + (q - 4) %% 5] END,
               v.value, v.native, v.native_max,
               CASE WHEN q = 1 THEN v.value >= 66 END,
               CASE WHEN q = 2 THEN CASE WHEN v.native >= 9 THEN 'promoter'
                                         WHEN v.native >= 7 THEN 'passive'
                                         ELSE 'detractor' END END,
               u.service_date_sent + interval '2 days', u.service_company_id,
               u.partner_id,
               (%(tiers)s)[1 + ((u.id %% 1000000) %% array_length(%(tiers)s, 1))],
               u.service_team_id, u.service_agent_id, %(now)s, %(now)s, 1, 1
          FROM survey_user_input u
          CROSS JOIN generate_series(1, 8) AS q,
          LATERAL (
            SELECT CASE WHEN q = 2 THEN n.native * 10
                        WHEN q = 3 THEN CASE WHEN n.draw < 0.7 THEN 100 ELSE 0 END
                        ELSE round((n.draw * 3)::numeric)::float * 100 / 3 END
                       AS value,
                   n.native, CASE WHEN q = 2 THEN 10 ELSE 3 END AS native_max
              FROM (SELECT floor(random() * 11 + 0 * q * u.id)::float AS native,
                           random() + 0 * q * u.id AS draw) AS n
          ) AS v
         WHERE u.survey_id = %(survey)s
        """,
        params,
    )
    # Promises settled over the years.
    env.cr.execute(
        """
        INSERT INTO service_promise (
            name, company_id, partner_id, commercial_partner_id, tier_id,
            team_id, user_id, state, date_promised, date_due, date_done,
            create_date, write_date, create_uid, write_uid)
        SELECT 'Bench promise ' || g, %(company)s, p.partner, p.partner, p.tier,
               (%(teams)s)[1 + g %% array_length(%(teams)s, 1)],
               (%(agents)s)[1 + g %% array_length(%(agents)s, 1)],
               CASE WHEN random() < 0.9 THEN 'kept' ELSE 'broken' END,
               d.day, d.day::date + 7, d.day::date + 5,
               %(now)s, %(now)s, 1, 1
          FROM generate_series(1, %(inputs)s / 5) AS g,
          LATERAL (SELECT (%(partners)s)[1 + g %% array_length(%(partners)s, 1)]
                          AS partner,
                          (%(tiers)s)[1 + (g %% array_length(%(partners)s, 1))
                                          %% array_length(%(tiers)s, 1)] AS tier) AS p,
          LATERAL (SELECT %(start)s::timestamp
                          + random() * %(span)s * interval '1 day' AS day) AS d
        """,
        params,
    )
    return month


def snapshot_year(env, year_start, month):
    """The monthly snapshots the daily cron would have left: the months
    before ``month`` closed, ``month`` itself open (the first days of a
    month, before the close). Months already closed are kept."""
    Snapshot = env["service.kpi.snapshot"]
    start = time.perf_counter()
    current = year_start
    while current <= month:
        Snapshot._snapshot_month(current, env.company)
        current += relativedelta(months=1)
    Snapshot._close_months(month, env.company)
    env.cr.commit()
    print(
        f"monthly snapshots of {year_start:%Y-%m} to {month:%Y-%m} (the cron's "
        f"work, open months only): {time.perf_counter() - start:.1f} s"
    )


def vacuum(db):
    """VACUUM ANALYZE the generated tables (outside any transaction), as
    autovacuum would do on a live database: statistics for the planner and
    the visibility map for index-only scans."""
    tables = (
        "service_complaint, survey_user_input, service_survey_score, service_promise"
    )
    subprocess.run(
        ["psql", "-q", "-d", db, "-c", f"VACUUM ANALYZE {tables}"], check=True
    )


def best_of(runs, function, *args, **kwargs):
    """(seconds, result) of the fastest of ``runs`` calls: the machine's
    noise only ever adds time."""
    best = None
    for __ in range(runs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    return best, result


def cpu_reference():
    """Seconds of a fixed pure-Python loop (best of 3): the speed of this
    shared machine varies by half from one minute to the next, and the other
    figures move with it."""
    seconds, __ = best_of(3, lambda: sum(i * i for i in range(5_000_000)))
    return seconds


def orm_loop(env, codes, start, stop):
    """The KPIs the way a naive implementation would compute them: records
    read with the ORM and looped over in Python."""
    complaints = env["service.complaint"].search(
        [
            "|",
            "|",
            "&",
            ("date_received", ">=", start),
            ("date_received", "<", stop),
            "&",
            ("date_first_response", ">=", start),
            ("date_first_response", "<", stop),
            "&",
            ("date_resolved", ">=", start),
            ("date_resolved", "<", stop),
        ]
    )
    scores = env["service.survey.score"].search(
        [("date", ">=", start), ("date", "<", stop)]
    )
    result = {}
    received = [c for c in complaints if start <= c.date_received < stop]
    responded = [
        c
        for c in complaints
        if c.date_first_response and start <= c.date_first_response < stop
    ]
    resolved = [
        c for c in complaints if c.date_resolved and start <= c.date_resolved < stop
    ]
    for code in codes:
        if code == "complaint_count":
            result[code] = len(received)
        elif code == "frt_median":
            result[code] = statistics.median(
                c.response_working_hours for c in responded
            )
        elif code == "resolution_median":
            result[code] = statistics.median(
                c.resolution_working_hours for c in resolved
            )
        elif code == "sla_response":
            ok = [
                c.date_first_response <= c.response_deadline
                for c in received
                if c.date_first_response
            ]
            result[code] = 100.0 * sum(ok) / len(ok)
        elif code == "reopen_rate":
            result[code] = (
                100.0 * sum(c.reopen_count > 0 for c in resolved) / len(resolved)
            )
        elif code == "escalation_rate":
            result[code] = (
                100.0 * sum(c.escalation_level > 0 for c in received) / len(received)
            )
        elif code == "csat":
            values = [s.is_satisfied for s in scores if s.measure == "satisfaction"]
            result[code] = 100.0 * sum(values) / len(values)
        elif code == "nps":
            values = [s.nps_category for s in scores if s.measure == "nps"]
            result[code] = (
                100.0
                * (values.count("promoter") - values.count("detractor"))
                / len(values)
            )
        elif code == "fcr":
            values = [s.value for s in scores if s.measure == "fcr"]
            result[code] = 100.0 * sum(v >= 50 for v in values) / len(values)
    return result


def export_month(month):
    """Child process: export one month, print time and peak memory."""
    reg = registry()
    with environment(reg) as env:
        env = env(context=dict(env.context, tz="UTC"))
        wizard = env["service.kpi.export"].create(
            {
                "date_from": month,
                "date_to": month + relativedelta(months=1, days=-1),
                "include_details": True,
            }
        )
        path = "/tmp/bench_kpi_export.xlsx"
        with Timer("Excel export of one month (summary, trend, breakdowns, cases)"):
            with open(path, "wb") as output:
                wizard._write_workbook(output)
        env.cr.execute(
            "SELECT count(*) FROM service_complaint WHERE date_received >= %s "
            "AND date_received < %s",
            (month, month + relativedelta(months=1)),
        )
        print(
            f"  detail rows: {env.cr.fetchone()[0]}, file "
            f"{os.path.getsize(path) / 1e6:.1f} MB"
        )
        print(f"export peak memory (whole process): {peak_memory_mb():.0f} MB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--month-rows", type=int, default=100_000)
    parser.add_argument("--scores", type=int, default=2_000_000)
    parser.add_argument(
        "--no-generate", action="store_true", help="measure the data already there"
    )
    parser.add_argument("--export-month", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_month:
        export_month(fields.Date.to_date(args.export_month))
        return

    reg = registry()
    tag = fields.Datetime.now().strftime("%H%M%S")
    month = fields.Date.today().replace(day=1) - relativedelta(months=1)
    if not args.no_generate:
        with (
            environment(reg) as env,
            Timer(f"generate {args.complaints} complaints, {args.scores} scores (SQL)"),
        ):
            generate(env, args, tag)
        with Timer("VACUUM ANALYZE"):
            vacuum(reg.db_name)
    print(f"CPU reference (fixed Python loop, best of 3): {cpu_reference():.3f} s")
    with environment(reg) as env:
        env = env(context=dict(env.context, tz="UTC"))
        env.cr.execute("SELECT count(*) FROM service_complaint")
        complaints = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM service_survey_score")
        print(
            f"database: {complaints} complaints, "
            f"{env.cr.fetchone()[0]} score records"
        )
        kpis = env["service.kpi"].search([])
        year_end = month + relativedelta(months=1, days=-1)
        year_start = year_end - relativedelta(years=1) + timedelta(days=1)
        kpis._figures(year_start, year_end, "month", cuts=("team",))  # warm up
        seconds, figures = best_of(
            3, kpis._figures, year_start, year_end, "month", cuts=("team",)
        )
        rows = sum(len(rows) for rows in figures.values())
        print(
            f"full KPI set ({len(kpis)} KPIs), one year by month and team, "
            f"computed: {seconds:.3f} s (best of 3; {rows} figures)"
        )
        snapshot_year(env, year_start, month)
        seconds, served = best_of(
            3,
            kpis._figures,
            year_start,
            year_end,
            "month",
            cuts=("team",),
            snapshots=True,
        )
        print(
            "the same as the dashboard and the workbook read it (11 closed "
            f"months from their snapshots, the last one computed): {seconds:.3f} s "
            f"(best of 3; {sum(len(rows) for rows in served.values())} figures)"
        )
        seconds, __ = best_of(3, env["service.kpi"].get_dashboard_data, "last_month")
        print(
            "dashboard load (tiles, 12-month trends, causes, leagues): "
            f"{seconds:.3f} s (best of 3)"
        )

        codes = [
            "complaint_count",
            "frt_median",
            "resolution_median",
            "sla_response",
            "reopen_rate",
            "escalation_rate",
            "csat",
            "nps",
            "fcr",
        ]
        subset = kpis.filtered(lambda k: k.computation in codes)
        month_end = month + relativedelta(months=1, days=-1)
        sql, __ = best_of(3, subset._figures, month, month_end)
        print(f"same KPIs for one month, SQL: {sql:.3f} s (best of 3)")
        env.invalidate_all()
        start = time.perf_counter()
        orm_loop(
            env,
            codes,
            fields.Datetime.to_datetime(month),
            fields.Datetime.to_datetime(month_end + timedelta(days=1)),
        )
        orm = time.perf_counter() - start
        print(f"same KPIs for one month, per-record ORM loop: {orm:.3f} s")
        print(f"ratio ORM / SQL: {orm / sql:.0f}x")
        env.cr.rollback()
    subprocess.run([sys.executable, __file__, "--export-month", str(month)], check=True)
    print(f"CPU reference again: {cpu_reference():.3f} s")


if __name__ == "__main__":
    main()
