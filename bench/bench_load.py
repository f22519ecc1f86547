# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Multi-worker load: nothing lost, nothing duplicated.

Starts Odoo with ``--workers=4`` on the bench database, on the loopback
interface only, then runs a bounded number of concurrent clients (threads):

- visitors submitting the public complaint form (``/complaint/new``: the
  form's CSRF token from a GET first, the honeypot field left empty);
- customers replying on their complaint's portal chatter (``/mail/message/
  post`` with the complaint's access token);
- customers answering the complaint satisfaction survey (``/survey/begin``
  then ``/survey/submit`` of the one-page survey, with their invitation's
  token);
- managers loading the dashboard (``service.kpi.get_dashboard_data``) all
  along.

Then it counts the rows in PostgreSQL against what was sent: every request
carries a run tag, so that complaints, messages and answers of this run are
counted exactly (0 lost, 0 duplicated), and prints throughput, p50/p95
latency and errors per kind.

The public form's per-address rate limit (``service_quality.
public_form_rate_limit``, default a few an hour) would refuse the loopback
clients, which all come from 127.0.0.1: the bench sets that
ir.config_parameter to 100000 for the run, the only setting it changes, and
puts the previous value back at the end. Every request is bounded (a total
count and a per-request timeout), goes to 127.0.0.1 only, and the run stops
by itself.

    SQ_BENCH_DB=sq_bench bench/run.sh load
    SQ_BENCH_ARGS="--public 200 --surveys 200 --replies 100 --clients 8"
"""

import argparse
import json
import logging
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from benchlib import environment, registry

import odoo
from odoo.tools import config

RATE_LIMIT_PARAM = "service_quality.public_form_rate_limit"
PASSWORD = "bench-load-manager"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--public", type=int, default=200)
    parser.add_argument("--surveys", type=int, default=200)
    parser.add_argument("--replies", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=18150)
    parser.add_argument("--timeout", type=float, default=30.0, help="per request")
    parser.add_argument("--budget", type=float, default=180.0, help="whole run, s")
    return parser.parse_args()


def prepare(reg, tag, args):
    """Complaints to reply to and survey invitations to answer, a manager;
    the rate limit lifted. Returns what the clients need."""
    with environment(reg) as env:
        params = env["ir.config_parameter"].sudo()
        previous = params.get_param(RATE_LIMIT_PARAM)
        params.set_param(RATE_LIMIT_PARAM, "100000")
        manager = env["res.users"].search([("login", "=", "bench_load_manager")])
        if not manager:
            manager = env["res.users"].create(
                {
                    "name": "Bench Load Manager",
                    "login": "bench_load_manager",
                    "groups_id": [
                        (4, env.ref("service_quality.group_service_manager").id)
                    ],
                }
            )
        manager.password = PASSWORD
        partner = env["res.partner"].create(
            {"name": f"Bench customer {tag}", "email": f"{tag}@example.com"}
        )
        Complaint = env["service.complaint"].with_context(
            tracking_disable=True, mail_notrack=True
        )
        complaints = Complaint.create(
            [
                {"name": f"{tag} portal {i}", "partner_id": partner.id}
                # Replies spread over complaints, two on each: concurrent
                # replies to one complaint are serialisation conflicts that
                # Odoo retries, realistic but rare.
                for i in range(max(1, args.replies // 2))
            ]
        )
        threads = [
            (complaint.id, complaint._portal_ensure_token()) for complaint in complaints
        ]
        survey = env.ref("survey_extension.survey_csat")
        answers = {}
        for question in survey.question_ids:
            if question.question_type == "simple_choice":
                answers[str(question.id)] = str(question.suggested_answer_ids[0].id)
            elif question.question_type == "multiple_choice":
                answers[str(question.id)] = [str(question.suggested_answer_ids[0].id)]
            elif question.question_type in ("text_box", "char_box"):
                answers[str(question.id)] = f"{tag} comment"
            elif question.question_type in ("numerical_box", "scale"):
                answers[str(question.id)] = "4"
        inputs = env["survey.user_input"]
        for __ in range(args.surveys):
            inputs |= survey._create_answer(partner=partner, check_attempts=False)
        env.cr.commit()
        return {
            "previous": previous,
            "threads": threads,
            "survey_token": survey.access_token,
            "answers": answers,
            "inputs": [(ui.id, ui.access_token) for ui in inputs],
            "input_ids": inputs.ids,
        }


def restore(reg, previous):
    with environment(reg) as env:
        env["ir.config_parameter"].sudo().set_param(RATE_LIMIT_PARAM, previous or "")


def start_odoo(args, log):
    command = [
        sys.executable,
        # odoo-bin beside the odoo package the bench runs with
        os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin"),
        "-d",
        config["db_name"],
        f"--db-filter=^{config['db_name']}$",
        f"--addons-path={os.environ['SQ_ADDONS_PATH']}",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--http-interface=127.0.0.1",
        f"--http-port={args.port}",
        f"--gevent-port={args.port + 1}",
        "--limit-time-real=120",
        f"--logfile={log}",
        "--log-level=warn",
    ]
    # Odoo's own output (what happens before its log starts) beside its log.
    with open(log + ".out", "w") as output:
        server = subprocess.Popen(  # pylint: disable=consider-using-with
            command, start_new_session=True, stdout=output, stderr=output
        )
    base = f"http://127.0.0.1:{args.port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/web/health", timeout=5).ok:
                return server, base
        except requests.RequestException:
            time.sleep(1)
    stop_odoo(server)
    raise SystemExit("Odoo did not start")


def stop_odoo(odoo):
    os.killpg(odoo.pid, signal.SIGTERM)
    try:
        odoo.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(odoo.pid, signal.SIGKILL)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}
        self.errors = {}
        self.server_errors = 0

    def record(self, kind, seconds, error=None, status=None):
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)
            if error:
                self.errors.setdefault(kind, []).append(error)
            if status and status >= 500:
                self.server_errors += 1


def timed(stats, kind, timeout, func):
    start = time.perf_counter()
    status = None
    try:
        status = func(timeout)
        stats.record(kind, time.perf_counter() - start)
        return True
    except Exception as error:  # pylint: disable=broad-except
        status = getattr(getattr(error, "response", None), "status_code", None)
        stats.record(kind, time.perf_counter() - start, str(error)[:200], status)
        return False


def jsonrpc(session, url, params, timeout):
    response = session.post(
        url,
        json={"jsonrpc": "2.0", "method": "call", "params": params},
        timeout=timeout,
    )
    response.raise_for_status()
    body = response.json()
    if "error" in body:
        raise RuntimeError(body["error"]["data"].get("message"))
    return body["result"]


def public_submission(base, tag, index):
    def run(timeout):
        session = requests.Session()
        form = session.get(base + "/complaint/new", timeout=timeout)
        form.raise_for_status()
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        response = session.post(
            base + "/complaint/new",
            data={
                "csrf_token": token,
                "contact_name": f"Visitor {index}",
                "email": f"visitor{index}.{tag}@example.com",
                "subject": f"{tag} public {index}",
                "description": "Sent by bench_load.py",
                "website_address": "",  # the honeypot, left empty
            },
            timeout=timeout,
        )
        response.raise_for_status()
        if 'name="csrf_token"' in response.text:  # the form again: refused
            raise RuntimeError("the form was shown again (refused)")
        return response.status_code

    return run


def portal_reply(base, tag, index, thread):
    complaint_id, token = thread

    def run(timeout):
        jsonrpc(
            requests.Session(),
            base + "/mail/message/post",
            {
                "thread_model": "service.complaint",
                "thread_id": complaint_id,
                "token": token,
                "post_data": {
                    "body": f"{tag} reply {index}",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
            timeout,
        )
        return 200

    return run


def survey_answer(base, survey_token, answers, user_input):
    __, answer_token = user_input

    def run(timeout):
        session = requests.Session()
        path = f"{survey_token}/{answer_token}"
        jsonrpc(session, f"{base}/survey/begin/{path}", {}, timeout)
        result = jsonrpc(session, f"{base}/survey/submit/{path}", answers, timeout)
        if isinstance(result, list) and len(result) > 1 and result[1].get("error"):
            raise RuntimeError(json.dumps(result[1]))
        return 200

    return run


def dashboard_loop(base, db, stats, stop, timeout):
    session = requests.Session()
    jsonrpc(
        session,
        base + "/web/session/authenticate",
        {"db": db, "login": "bench_load_manager", "password": PASSWORD},
        timeout,
    )

    def load(timeout):
        jsonrpc(
            session,
            base + "/web/dataset/call_kw/service.kpi/get_dashboard_data",
            {
                "model": "service.kpi",
                "method": "get_dashboard_data",
                "args": [],
                "kwargs": {"period": "this_month"},
            },
            timeout,
        )
        return 200

    loads = 0
    while not stop.is_set() and loads < 200:
        timed(stats, "dashboard", timeout, load)
        loads += 1
        stop.wait(0.5)  # a manager looks at it, then reloads


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def count_rows(reg, tag, prepared):
    with environment(reg) as env:
        cr = env.cr
        cr.execute(
            "SELECT count(*), count(DISTINCT name) FROM service_complaint"
            " WHERE name LIKE %s",
            [f"{tag} public %"],
        )
        complaints, distinct = cr.fetchone()
        cr.execute(
            "SELECT count(*) FROM service_complaint_submission s"
            " JOIN service_complaint c ON c.id = s.complaint_id WHERE c.name LIKE %s",
            [f"{tag} public %"],
        )
        submissions = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*), count(DISTINCT body) FROM mail_message"
            " WHERE model = 'service.complaint' AND body LIKE %s",
            [f"%{tag} reply %"],
        )
        replies, distinct_replies = cr.fetchone()
        cr.execute(
            "SELECT count(*) FILTER (WHERE state = 'done'), count(*)"
            " FROM survey_user_input WHERE id = ANY(%s)",
            [prepared["input_ids"]],
        )
        done, __ = cr.fetchone()
        cr.execute(
            "SELECT count(*), count(DISTINCT (user_input_id, question_id))"
            " FROM survey_user_input_line WHERE user_input_id = ANY(%s)",
            [prepared["input_ids"]],
        )
        lines, distinct_lines = cr.fetchone()
    return {
        "public": (complaints, distinct, submissions),
        "reply": (replies, distinct_replies),
        "survey": (done, lines, distinct_lines),
    }


def main():
    args = parse_args()
    reg = registry()
    # Odoo's deprecation warnings of its own code are not the bench's output.
    logging.getLogger("py.warnings").setLevel(logging.ERROR)
    tag = f"bench-load-{secrets.token_hex(4)}"
    prepared = prepare(reg, tag, args)
    log = os.path.join(
        os.environ.get("SQ_BENCH_LOG_DIR", "/tmp"), "bench-load-odoo.log"
    )
    odoo = None
    try:
        odoo, base = start_odoo(args, log)
        # Each worker loads the registry on its first request: warm them
        # all up before measuring.
        with ThreadPoolExecutor(max_workers=args.workers * 2) as pool:
            list(
                pool.map(
                    lambda __: requests.get(base + "/complaint/new", timeout=60),
                    range(args.workers * 4),
                )
            )
        stats = Stats()
        tasks = [
            ("public", public_submission(base, tag, i)) for i in range(args.public)
        ]
        tasks += [
            (
                "survey",
                survey_answer(base, prepared["survey_token"], prepared["answers"], ui),
            )
            for ui in prepared["inputs"]
        ]
        threads = prepared["threads"]
        tasks += [
            ("reply", portal_reply(base, tag, i, threads[i % len(threads)]))
            for i in range(args.replies)
        ]
        # Interleaved, so that every kind runs concurrently with the others.
        tasks.sort(key=lambda task: secrets.randbelow(1 << 30))
        stop = threading.Event()
        managers = [
            threading.Thread(
                target=dashboard_loop,
                args=(base, config["db_name"], stats, stop, args.timeout),
            )
            for __ in range(2)
        ]
        for manager in managers:
            manager.start()
        deadline = time.monotonic() + args.budget
        sent = {"public": 0, "survey": 0, "reply": 0}
        ok = {"public": 0, "survey": 0, "reply": 0}

        def run(task):
            kind, func = task
            if time.monotonic() > deadline:
                return
            with stats.lock:
                sent[kind] += 1
            if timed(stats, kind, args.timeout, func):
                with stats.lock:
                    ok[kind] += 1

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(run, tasks))
        elapsed = time.perf_counter() - start
        stop.set()
        for manager in managers:
            manager.join(args.timeout + 5)
    finally:
        if odoo is not None:
            stop_odoo(odoo)
        restore(reg, prepared["previous"])

    counts = count_rows(reg, tag, prepared)
    submitted = ok["public"] + ok["survey"] + ok["reply"]
    print(
        f"load: {args.clients} clients, {args.workers} workers,"
        f" {submitted} submissions in {elapsed:.1f} s"
        f" = {submitted / elapsed:.1f} /s"
    )
    for kind in ("public", "survey", "reply", "dashboard"):
        values = stats.latency.get(kind, [])
        errors = stats.errors.get(kind, [])
        median = statistics.median(values) if values else 0
        print(
            f"{kind}: {len(values)} requests, p50 {median:.3f} s,"
            f" p95 {percentile(values, 0.95):.3f} s, errors {len(errors)}"
        )
        for error in errors[:3]:
            print(f"  e.g. {error}")
    print(f"5xx responses: {stats.server_errors}")
    with open(log + ".out", errors="replace") as output:
        crashes = output.read().count("Traceback (most recent call last)")
    if crashes:
        # Seen on a host whose venv breaks gevent's plugin loading: Odoo
        # respawns its websocket process every second, a CPU cost.
        print(f"note: Odoo processes crashed at start {crashes} times, see {log}.out")
    complaints, distinct, submissions = counts["public"]
    replies, distinct_replies = counts["reply"]
    done, lines, distinct_lines = counts["survey"]
    questions = len(prepared["answers"])
    checks = [
        ("public complaints", ok["public"], complaints, complaints - distinct),
        ("form submissions recorded", ok["public"], submissions, 0),
        ("portal replies", ok["reply"], replies, replies - distinct_replies),
        ("survey answers done", ok["survey"], done, lines - distinct_lines),
        (
            "survey answer lines",
            ok["survey"] * questions,
            lines,
            lines - distinct_lines,
        ),
    ]
    failed = stats.server_errors > 0
    for label, expected, found, duplicated in checks:
        lost = max(0, expected - found)
        extra = max(0, found - expected) + duplicated
        print(
            f"{label}: sent {expected}, found {found}, lost {lost},"
            f" duplicated {extra}"
        )
        failed = failed or lost or extra
    targets = (
        ok["public"] >= args.public and ok["survey"] >= args.surveys and elapsed < 60
    )
    dashboard_p95 = percentile(stats.latency.get("dashboard", []), 0.95)
    met = {True: "met", False: "NOT met"}
    print(
        f"target {args.public} public + {args.surveys} survey answers < 60 s:"
        f" {met[bool(targets)]};"
        f" dashboard p95 < 2 s: {met[dashboard_p95 < 2]}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
