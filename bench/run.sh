#!/usr/bin/env bash
# Runs the benchmarks against a real Odoo (see bench/README.md).
#   bench/run.sh                 # every bench_*.py
#   bench/run.sh escalation      # bench_escalation.py only
#   SQ_BENCH_ARGS="--open 20000" bench/run.sh escalation
# Environment: ODOO_HOME (default /opt/odoo18), SQ_BENCH_DB (default sq_bench).
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tools/common.sh"
cd "$REPO_ROOT"

reason=$(odoo_missing_reason)
[ -z "$reason" ] || { say "Cannot run the benchmarks: $reason."; exit 1; }
ensure_postgres
export SQ_BENCH_DB=${SQ_BENCH_DB:-sq_bench}
export SQ_ADDONS_PATH
SQ_ADDONS_PATH=$(odoo_addons_path)

if ! psql -d postgres -tAc "select 1 from pg_database where datname = '$SQ_BENCH_DB'" | grep -q 1; then
    say "Creating $SQ_BENCH_DB with $ADDONS (no demo data)..."
    "$ODOO_PYTHON" "$ODOO_BIN" -d "$SQ_BENCH_DB" --addons-path="$SQ_ADDONS_PATH" \
        -i "$ADDONS" --without-demo=all --stop-after-init --log-level=warn
else
    "$ODOO_PYTHON" "$ODOO_BIN" -d "$SQ_BENCH_DB" --addons-path="$SQ_ADDONS_PATH" \
        -u "$ADDONS" --stop-after-init --log-level=warn
fi

scripts=()
if [ $# -gt 0 ]; then
    for name in "$@"; do scripts+=("bench/bench_$name.py"); done
else
    scripts=(bench/bench_*.py)
fi
for script in "${scripts[@]}"; do
    say ""
    say "=== $script"
    # shellcheck disable=SC2086
    "$ODOO_PYTHON" "$script" ${SQ_BENCH_ARGS:-}
done
