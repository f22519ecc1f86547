#!/usr/bin/env bash
# Runs the product with demo data: starts PostgreSQL, creates the database
# (the three addons, their demo data, Chinese loaded) on first use, and serves
# Odoo on http://127.0.0.1:8069 — log in as admin / admin.
#
#   tools/run_demo.sh            # create the database if missing, then serve
#   tools/run_demo.sh --reset    # drop and recreate the database first
#   tools/run_demo.sh --update   # upgrade the addons (-u) before serving
# Environment: ODOO_HOME (default /opt/odoo18), SQ_DEMO_DB (default
# service_quality_demo), SQ_HTTP_PORT (default 8069).
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB=${SQ_DEMO_DB:-service_quality_demo}
PORT=${SQ_HTTP_PORT:-8069}
reset="" update=""
for arg in "$@"; do
    case "$arg" in
        --reset) reset=1 ;;
        --update) update=1 ;;
        *) say "unknown option: $arg (use --reset or --update)"; exit 2 ;;
    esac
done

reason=$(odoo_missing_reason)
if [ -n "$reason" ]; then
    say "Cannot run the product: $reason. Install Odoo 18 there or set ODOO_HOME (see README.md)."
    exit 1
fi
ensure_postgres
addons_path=$(odoo_addons_path)
odoo() { "$ODOO_PYTHON" "$ODOO_BIN" -d "$DB" --addons-path="$addons_path" "$@"; }

[ -n "$reset" ] && dropdb --if-exists "$DB"
if ! psql -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    say "Creating database $DB with $ADDONS and their demo data (a few minutes)..."
    odoo -i "$ADDONS" --load-language=en_US,zh_CN --stop-after-init --log-level=warn
elif [ -n "$update" ]; then
    say "Upgrading $ADDONS in $DB..."
    odoo -u "$ADDONS" --stop-after-init --log-level=warn
fi
say "Serving Odoo on http://127.0.0.1:$PORT  (login: admin, password: admin; Ctrl+C to stop)"
odoo --http-interface=127.0.0.1 --http-port="$PORT" --db-filter="^$DB\$" --log-level=warn
