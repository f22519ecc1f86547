# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared helpers of the benchmarks: an Odoo registry on the bench database,
timers that print one line per measure, peak memory."""

import contextlib
import os
import resource
import time

import odoo
from odoo.tools import config


def registry():
    config.parse_config(
        [
            "-d",
            os.environ.get("SQ_BENCH_DB", "sq_bench"),
            f"--addons-path={os.environ['SQ_ADDONS_PATH']}",
            "--log-level=warn",
        ]
    )
    return odoo.modules.registry.Registry(config["db_name"])


@contextlib.contextmanager
def environment(reg):
    with reg.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})


class Timer:
    """``with Timer("name") as t: ...`` prints ``name: 1.234 s``."""

    results = {}

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        Timer.results[self.name] = self.seconds
        print(f"{self.name}: {self.seconds:.3f} s", flush=True)


def peak_memory_mb():
    """Peak resident memory of this process so far, in MB.

    Linux's VmHWM, which starts afresh when a program is executed; the
    rusage maximum would carry over the memory of the parent process a
    benchmark is started from."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
