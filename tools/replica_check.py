#!/usr/bin/env python3
# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reads on a real PostgreSQL streaming replica (run by tools/run_tests.sh).

    replica_check.py --db DB --odoo-python PY --odoo-bin BIN --addons-path P

1. makes a streaming replica of the local cluster with ``pg_basebackup -R``
   into a temporary directory, started on port 5439 (Unix socket in that
   directory only, as the postgres user, every statement logged);
2. starts Odoo on DB with ``--db_replica_host``/``--db_replica_port`` and, as
   admin, loads the dashboard (``service.kpi.get_dashboard_data``), reads the
   agent appraisal (``web_read_group``) and downloads the workbook
   (``/kpi_dashboard/workbook``);
3. proves they ran on the replica: the replica's statement log holds their
   queries (from Odoo's connections), Odoo never retried them read/write;
4. stops the replica and does it all again: Odoo falls back to the primary.

Nothing of the main cluster's configuration changes: Debian's defaults
(wal_level=replica, max_wal_senders=10, "local replication all peer" in
pg_hba.conf) already allow a local base backup by the postgres user. Needs
root (to act as postgres). Everything is removed at the end, whatever
happens. Prints one line per check; exits 0 when all pass.
"""

import argparse
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar

REPLICA_PORT = 5439
FAILURES = []


def check(ok, label):
    print(("ok: " if ok else "FAILED: ") + label, flush=True)
    if not ok:
        FAILURES.append(label)


def as_postgres(*cmd, **kwargs):
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *cmd], check=True, **kwargs
    )


def main_cluster():
    """(version, port) of the first online cluster (Debian's pg_lsclusters)."""
    out = subprocess.run(
        ["pg_lsclusters", "-h"], check=True, capture_output=True, text=True
    ).stdout
    for line in out.splitlines():
        ver, __, port, status = line.split()[:4]
        if status.startswith("online"):
            return ver, port
    raise SystemExit("no online PostgreSQL cluster")


def start_replica(tmp, bindir, port):
    data = os.path.join(tmp, "data")
    as_postgres(
        f"{bindir}/pg_basebackup",
        "-h",
        "/var/run/postgresql",
        "-p",
        port,
        "-D",
        data,
        "-R",  # standby.signal + primary_conninfo: a streaming replica
        "-X",
        "stream",
        "--checkpoint=fast",
        "--no-sync",  # a throwaway copy: no fsync (nor below)
    )
    # Debian keeps the configuration outside the data directory: the
    # replica gets its own, minimal one.
    with open(os.path.join(data, "postgresql.conf"), "w") as conf:
        conf.write(
            f"port = {REPLICA_PORT}\n"
            "listen_addresses = ''\n"
            f"unix_socket_directories = '{tmp}'\n"
            "hot_standby = on\n"
            "fsync = off\n"
            "logging_collector = off\n"
            "log_statement = 'all'\n"
            # One marker a log entry: multi-line statements stay together.
            "log_line_prefix = '@@%a|'\n"
        )
    with open(os.path.join(data, "pg_hba.conf"), "w") as hba:
        hba.write("local all all peer\n")
    open(os.path.join(data, "pg_ident.conf"), "w").close()
    for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
        shutil.chown(os.path.join(data, name), "postgres", "postgres")
    log = os.path.join(tmp, "replica.log")
    as_postgres(f"{bindir}/pg_ctl", "-D", data, "-l", log, "-w", "start")
    return data, log


def psql_replica(tmp, sql):
    return subprocess.run(
        ["psql", "-h", tmp, "-p", str(REPLICA_PORT), "-d", "postgres", "-tAc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


class Client:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar())
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.status, response.headers, response.read()

    def rpc(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            self.base + path,
            body.encode(),
            {"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=60) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def call(self, model, method, args=(), **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def wait_for(base, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/web/health", timeout=5).read()
            return True
        except (urllib.error.URLError, ConnectionError):
            time.sleep(1)
    return False


def reads(client, db, label):
    """The dashboard, the appraisal and the workbook; True when all work."""
    try:
        session = client.rpc(
            "/web/session/authenticate",
            {"db": db, "login": "admin", "password": "admin"},
        )
        company = session["user_companies"]["current_company"]
        data = client.call("service.kpi", "get_dashboard_data", period="this_year")
        check(bool(data["tiles"]), f"{label}: dashboard loads")
        groups = client.call(
            "service.agent.appraisal",
            "web_read_group",
            domain=[],
            fields=["complaint_count:sum"],
            groupby=["user_id"],
        )
        check("groups" in groups, f"{label}: agent appraisal reads")
        period = data["period"]
        status, headers, body = client.get(
            f"/kpi_dashboard/workbook?date_from={period['start']}"
            f"&date_to={period['end']}&company_ids={company}&include_details=1"
        )
        check(
            status == 200 and body[:2] == b"PK" and "spreadsheetml" in str(headers),
            f"{label}: workbook downloads",
        )
    except Exception as error:  # pylint: disable=broad-except
        check(False, f"{label}: {error}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--odoo-python", required=True)
    parser.add_argument("--odoo-bin", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--http-port", default="18070")
    parser.add_argument("--log-dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("needs root (the replica runs as the postgres user)")
    ver, port = main_cluster()
    os.makedirs(args.log_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="sq-replica-")
    shutil.chown(tmp, "postgres", "postgres")
    os.chmod(tmp, 0o700)
    odoo_log = os.path.join(args.log_dir, "replica-odoo.log")
    odoo = data = None
    bindir = f"/usr/lib/postgresql/{ver}/bin"
    started = time.monotonic()
    try:
        data, replica_log = start_replica(tmp, bindir, port)
        in_recovery = psql_replica(tmp, "SELECT pg_is_in_recovery()")
        check(in_recovery == "t", "the replica is a hot standby (pg_is_in_recovery)")
        for __ in range(20):  # the WAL receiver starts just after
            streaming = subprocess.run(
                ["psql", "-d", "postgres", "-p", port, "-tAc",
                 "SELECT count(*) FROM pg_stat_replication"
                 " WHERE state = 'streaming'"],
                capture_output=True, text=True, check=True,
            ).stdout.strip()  # fmt: skip
            if streaming not in ("", "0"):
                break
            time.sleep(0.5)
        check(streaming not in ("", "0"), "the primary streams to it")
        base = f"http://127.0.0.1:{args.http_port}"
        odoo = subprocess.Popen(  # pylint: disable=consider-using-with
            [
                args.odoo_python,
                args.odoo_bin,
                "-d",
                args.db,
                f"--db-filter=^{args.db}$",
                f"--addons-path={args.addons_path}",
                f"--http-port={args.http_port}",
                "--http-interface=127.0.0.1",
                "--max-cron-threads=0",
                "--workers=0",
                f"--db_replica_host={tmp}",
                f"--db_replica_port={REPLICA_PORT}",
                f"--logfile={odoo_log}",
                "--log-level=info",
            ],
            start_new_session=True,
        )
        check(wait_for(base), "Odoo serves with db_replica_host")
        mark = os.path.getsize(replica_log)
        reads(Client(base), args.db, "on the replica")
        with open(replica_log, errors="replace") as log:
            log.seek(mark)
            entries = log.read().split("@@")
        # Statements of this Odoo's connections (application_name odoo-<pid>)
        statements = [
            entry
            for entry in entries
            if entry.startswith(f"odoo-{odoo.pid}|") and "statement:" in entry
        ]
        check(
            any("service_complaint" in s and "GREATEST" in s for s in statements),
            "the dashboard's queries ran on the replica",
        )
        check(
            any("SELECT t.id * 3 AS id" in s for s in statements),
            "the appraisal's query ran on the replica",
        )
        check(
            any("LEFT JOIN res_partner customer" in s for s in statements),
            "the workbook's case query ran on the replica",
        )
        with open(odoo_log, errors="replace") as log:
            text = log.read()
        check(
            "retrying with a read/write cursor" not in text,
            "nothing was retried read/write on the primary",
        )
        as_postgres(f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        data = None
        reads(Client(base), args.db, "replica stopped")
        with open(odoo_log, errors="replace") as log:
            text = log.read()
        check(
            "Failed to open a readonly cursor" in text,
            "Odoo fell back to the primary",
        )
    finally:
        if odoo is not None:
            os.killpg(odoo.pid, signal.SIGTERM)
            try:
                odoo.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(odoo.pid, signal.SIGKILL)
        if data is not None:
            subprocess.run(
                ["runuser", "-u", "postgres", "--", f"{bindir}/pg_ctl", "-D", data,
                 "-m", "immediate", "-w", "stop"],
                check=False,
            )  # fmt: skip
        for log in glob.glob(os.path.join(tmp, "*.log")):
            shutil.copy(log, args.log_dir)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"replica check took {time.monotonic() - started:.0f}s", flush=True)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
