#!/usr/bin/env bash
# Runs every test of the repository and ends with "N passed, N failed".
#
# 1. static checks (no Odoo): ruff format + lint, pylint-odoo (OCA mandatory
#    checks), manifests / XML / access rules / .po files (tools/check_addons.py),
#    one Chinese term per concept (tools/check_glossary.py, docs/glossary.md);
# 2. plain pytest for the pure-Python code (tools/tests, */tests_pure); the
#    wheels: every addon (each root folder with a manifest) built with whool
#    (pyproject.toml, the OCA way) and installed into a scratch venv, where
#    tools/check_wheels.py checks their contents and requirements;
# 3. when Odoo 18 is at ODOO_HOME (default /opt/odoo18):
#    a. a fresh database with all addons and their demo data; their Odoo tests
#       with pytest-odoo, then the browser tours with Odoo's own runner; then an
#       upgrade (-u) of all addons on that database; on a copy of it, the
#       uninstallation of kpi_dashboard, survey_extension and service_quality
#       in that order (no ERROR line, no identifier, table or unanswered
#       survey of ours left; tools/check_uninstall.py), then a reinstall;
#    b. a fresh database without demo data: install with --test-enable (every
#       test, tours included, in Odoo's runner), then an upgrade;
#    c. on that database, reads on a real streaming replica (as root):
#       tools/replica_check.py makes a replica of the cluster (pg_basebackup -R,
#       port 5439, removed afterwards), runs Odoo with --db_replica_host and
#       checks the dashboard, appraisal and workbook queries ran on it, then
#       that they still work once it is stopped.
#    Any failed test, install error or ERROR/CRITICAL log line fails the run.
#
# Options: --no-odoo (skip part 3), --keep (keep the test databases).
# Installs its own tools from PyPI into .venv and PostgreSQL from Debian.
set -uo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT" || exit 2

no_odoo="" keep=""
for arg in "$@"; do
    case "$arg" in
        --no-odoo) no_odoo=1 ;;
        --keep) keep=1 ;;
        *) say "unknown option: $arg"; exit 2 ;;
    esac
done

LOG_DIR=${SQ_LOG_DIR:-$REPO_ROOT/var/test-logs}
mkdir -p "$LOG_DIR"
rm -f "$LOG_DIR"/*.log "$LOG_DIR"/*.xml
PASSED=0 FAILED=0 SKIPPED=0
START=$(date +%s)

step() { say ""; say "=== $* ($(( $(date +%s) - START ))s)"; }
ok() { PASSED=$((PASSED + 1)); say "ok: $*"; }
ko() { FAILED=$((FAILED + 1)); say "FAILED: $*"; }
add_counts() {  # add_counts "PASSED FAILED SKIPPED" label
    local p f s
    read -r p f s <<<"$1"
    PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
    say "$2: $p passed, $f failed, $s skipped"
}

# --- tools -------------------------------------------------------------------
VENV=${SQ_VENV:-$REPO_ROOT/.venv}
REQS="$REPO_ROOT/tools/requirements-dev.txt"
ensure_venv() {
    local want have=""
    want=$(sha1sum "$REQS" | cut -d' ' -f1)
    [ -f "$VENV/.requirements-sha1" ] && have=$(cat "$VENV/.requirements-sha1")
    if [ "$want" != "$have" ]; then
        say "Installing the check tools from PyPI into $VENV"
        python3 -m venv "$VENV" &&
            "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQS" &&
            echo "$want" >"$VENV/.requirements-sha1"
    fi
}

# --- 1. static checks --------------------------------------------------------
static_checks() {
    step "Static checks"
    if ! ensure_venv; then
        ko "installing the check tools from PyPI"
        return
    fi
    local addon_dirs
    addon_dirs=$(ls -d */__manifest__.py | xargs -n1 dirname | tr '\n' ' ')
    if "$VENV/bin/ruff" format --check --diff . >"$LOG_DIR/ruff-format.log" 2>&1; then
        ok "ruff format"
    else
        cat "$LOG_DIR/ruff-format.log"; ko "ruff format (run: $VENV/bin/ruff format .)"
    fi
    if "$VENV/bin/ruff" check --no-fix . >"$LOG_DIR/ruff-check.log" 2>&1; then
        ok "ruff check"
    else
        cat "$LOG_DIR/ruff-check.log"; ko "ruff check"
    fi
    # shellcheck disable=SC2086
    if "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory $addon_dirs \
        >"$LOG_DIR/pylint.log" 2>&1; then
        ok "pylint-odoo (OCA mandatory checks)"
    else
        cat "$LOG_DIR/pylint.log"; ko "pylint-odoo (OCA mandatory checks)"
    fi
    local module_files
    module_files=$(git ls-files --cached --others --exclude-standard -- $addon_dirs | grep -vE '(^|/)tests/|\.po$|\.pot$')
    # shellcheck disable=SC2086
    if "$VENV/bin/oca-checks-odoo-module" $module_files >"$LOG_DIR/oca-module.log" 2>&1; then
        ok "OCA module checks (XML, manifests, CSV)"
    else
        cat "$LOG_DIR/oca-module.log"; ko "OCA module checks (XML, manifests, CSV)"
    fi
    # shellcheck disable=SC2086
    if "$VENV/bin/oca-checks-po" --disable=po-pretty-format $(ls */i18n/*.po* 2>/dev/null) \
        >"$LOG_DIR/oca-po.log" 2>&1; then
        ok "OCA .po checks"
    else
        cat "$LOG_DIR/oca-po.log"; ko "OCA .po checks"
    fi
    if "$VENV/bin/python" tools/gen_addon_readme.py --check >"$LOG_DIR/readme.log" 2>&1; then
        ok "addon README.rst up to date with readme/ fragments"
    else
        cat "$LOG_DIR/readme.log"; ko "addon README.rst up to date with readme/ fragments"
    fi
    if "$VENV/bin/python" tools/check_glossary.py . >"$LOG_DIR/glossary.log" 2>&1; then
        ok "$(tail -1 "$LOG_DIR/glossary.log")"
    else
        cat "$LOG_DIR/glossary.log"; ko "zh_CN.po files follow docs/glossary.md"
    fi
    if "$VENV/bin/python" tools/check_addons.py . >"$LOG_DIR/check-addons.log" 2>&1; then
        ok "$(tail -1 "$LOG_DIR/check-addons.log")"
    else
        cat "$LOG_DIR/check-addons.log"; ko "manifests, XML, access rules, .po files"
    fi
}

# --- 2. pure-Python tests ----------------------------------------------------
pure_tests() {
    step "Pure-Python tests (pytest, no Odoo)"
    [ -x "$VENV/bin/pytest" ] || { ko "pytest is not installed"; return; }
    local dirs
    dirs=$(ls -d tools/tests */tests_pure 2>/dev/null | tr '\n' ' ')
    # shellcheck disable=SC2086
    "$VENV/bin/pytest" -q -p no:cacheprovider --junitxml="$LOG_DIR/pure.xml" $dirs
    local rc=$?
    if [ -f "$LOG_DIR/pure.xml" ] && [ "$rc" -le 1 ]; then
        add_counts "$("$VENV/bin/python" tools/count_results.py junit "$LOG_DIR/pure.xml")" \
            "pure-Python tests"
    else
        ko "pytest exited with $rc"
    fi
}

# --- 2b. wheels --------------------------------------------------------------
wheel_checks() {
    step "Wheels: each addon built with whool, installed into a scratch venv"
    [ -x "$VENV/bin/pip" ] || { ko "the tools venv is missing"; return; }
    local tmp addon addons=() log rc
    tmp=$(mktemp -d)
    for manifest in */__manifest__.py; do
        addon=$(dirname "$manifest")
        if grep -qE "[\"']installable[\"']: *False" "$manifest"; then
            say "skipped: $addon is not installable"
            continue
        fi
        if [ ! -f "$addon/pyproject.toml" ]; then
            ko "$addon has no pyproject.toml"
            continue
        fi
        log="$LOG_DIR/wheel-$addon.log"
        # whool comes from the tools venv (tools/requirements-dev.txt).
        if "$VENV/bin/pip" wheel -q --disable-pip-version-check --no-deps \
            --no-build-isolation -w "$tmp/dist" "./$addon" >"$log" 2>&1; then
            addons+=("$addon")
        else
            cat "$log"; ko "wheel of $addon builds"
        fi
    done
    if [ ${#addons[@]} -gt 0 ]; then
        log="$LOG_DIR/wheel-install.log"
        # --no-deps: Odoo itself is not installed from PyPI; check_wheels.py
        # checks the requirements the wheels declare.
        if python3 -m venv "$tmp/venv" >"$log" 2>&1 &&
            "$tmp/venv/bin/pip" install -q --disable-pip-version-check --no-deps \
                "$tmp"/dist/*.whl >>"$log" 2>&1; then
            log="$LOG_DIR/wheel-check.log"
            "$tmp/venv/bin/python" tools/check_wheels.py "${addons[@]}" >"$log" 2>&1
            rc=$?
            cat "$log"
            PASSED=$((PASSED + $(grep -c '^ok: ' "$log")))
            FAILED=$((FAILED + $(grep -c '^FAILED: ' "$log")))
            if [ "$rc" != 0 ] && ! grep -q '^FAILED: ' "$log"; then
                ko "tools/check_wheels.py exited with $rc"
            fi
        else
            cat "$log"; ko "the wheels install into a scratch venv"
        fi
    fi
    rm -rf "$tmp"
}

# --- 3. Odoo -----------------------------------------------------------------
ODOO_TIMEOUT=${SQ_ODOO_TIMEOUT:-1200}
DB_DEMO=${SQ_TEST_DB:-sq_test}_demo
DB_NODEMO=${SQ_TEST_DB:-sq_test}_nodemo
DB_CYCLE=${SQ_TEST_DB:-sq_test}_cycle

odoo_run() {  # odoo_run LOGNAME DB ARGS... ; returns Odoo's exit code
    local log="$LOG_DIR/$1.log" db=$2
    shift 2
    timeout "$ODOO_TIMEOUT" "$ODOO_PYTHON" "$ODOO_BIN" -d "$db" \
        --addons-path="$ADDONS_PATH" --stop-after-init --http-port="$HTTP_PORT" \
        --log-level=info --logfile="$log" --max-cron-threads=0 "$@"
}

odoo_shell() {  # odoo_shell LOGNAME DB < SCRIPT ; Odoo's shell runs the script
    local log="$LOG_DIR/$1.log" db=$2
    timeout "$ODOO_TIMEOUT" "$ODOO_PYTHON" "$ODOO_BIN" shell -d "$db" \
        --addons-path="$ADDONS_PATH" --http-port="$HTTP_PORT" \
        --log-level=info --logfile="$log" --max-cron-threads=0 \
        >"$LOG_DIR/$1.out" 2>&1
}

# Checks an Odoo log: exit code, ERROR/CRITICAL lines. Counts one test.
check_odoo_step() {  # check_odoo_step RC LOGNAME label
    local rc=$1 log="$LOG_DIR/$2.log" label=$3 errors
    errors=$("$VENV/bin/python" tools/count_results.py errors "$log")
    if [ "$rc" = 0 ] && [ -z "$errors" ]; then
        ok "$label"
    else
        [ -n "$errors" ] && printf '%s\n' "$errors" | head -40
        say "(full log: $log)"
        ko "$label (exit code $rc)"
    fi
}

odoo_test_counts() {  # from the "N failed, N error(s) of N tests" lines
    add_counts "$("$VENV/bin/python" tools/count_results.py odoo "$LOG_DIR/$1.log")" "$2"
}

# OCA Helpdesk for the service_quality_helpdesk bridge; _sla and _rating are
# installed in the database without demo data only (the bridge's coexistence
# tests run there; the demo database has the bridge without them).
HELPDESK_WHEELS="odoo-addon-helpdesk_mgmt==18.0.* odoo-addon-helpdesk_mgmt_sla==18.0.* odoo-addon-helpdesk_mgmt_rating==18.0.*"
HELPDESK_COEXIST=helpdesk_mgmt_sla,helpdesk_mgmt_rating

ensure_odoo_test_deps() {
    "$ODOO_PYTHON" -c 'import pytest_odoo, websocket' 2>/dev/null ||
        "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check \
            pytest pytest-odoo websocket-client
    if [[ ",$ADDONS," == *,service_quality_helpdesk,* ]]; then
        local wheel missing=()
        for wheel in $HELPDESK_WHEELS; do
            "$ODOO_PYTHON" -m pip show -q "${wheel%%==*}" >/dev/null 2>&1 ||
                missing+=("$wheel")
        done
        # --no-deps: they require the odoo distribution, which this Odoo (a
        # source checkout) is not; they need nothing else.
        [ ${#missing[@]} -eq 0 ] ||
            "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check --no-deps \
                "${missing[@]}"
    fi
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
        command -v google-chrome >/dev/null 2>&1 || {
        say "Chromium is missing (browser tours need it): installing it from Debian."
        apt_install chromium
    }
}

# Uninstall and reinstall on a copy of the demo database, where users'
# data (complaints, answers, activities) hold on to the addons' records:
# no ERROR line, nothing of ours left but the answered surveys.
uninstall_cycle() {
    local order="" name state="$LOG_DIR/uninstall-before.json"
    # The bridges first: they depend on the three others.
    for name in service_quality_helpdesk service_quality_sale kpi_dashboard \
        survey_extension service_quality; do
        [[ ",$ADDONS," == *",$name,"* ]] && order="$order $name"
    done
    order=${order# }
    [ -n "$order" ] || return
    step "Odoo: uninstall ($order) and reinstall on $DB_CYCLE, a copy of $DB_DEMO"
    dropdb --if-exists "$DB_CYCLE"
    createdb -T "$DB_DEMO" "$DB_CYCLE" || { ko "copy of $DB_DEMO"; return; }
    # shellcheck disable=SC2086
    "$VENV/bin/python" tools/check_uninstall.py before "$DB_CYCLE" "$state" $order
    SQ_UNINSTALL="$order" odoo_shell uninstall "$DB_CYCLE" <<'PY'
import logging
import os

_logger = logging.getLogger("run_tests.uninstall")
for name in os.environ["SQ_UNINSTALL"].split():
    try:
        module = env["ir.module.module"].search([("name", "=", name)])
        module.button_immediate_uninstall()
        env.cr.commit()
    except Exception:
        _logger.exception("Uninstall of %s failed", name)
        raise
PY
    check_odoo_step $? uninstall "uninstall of $order without an ERROR line"
    # shellcheck disable=SC2086
    if "$VENV/bin/python" tools/check_uninstall.py after "$DB_CYCLE" "$state" $order \
        >"$LOG_DIR/uninstall-check.log" 2>&1; then
        ok "uninstall left nothing behind: $(tail -1 "$LOG_DIR/uninstall-check.log")"
    else
        cat "$LOG_DIR/uninstall-check.log"; ko "uninstall left nothing behind"
    fi
    odoo_run reinstall "$DB_CYCLE" -i "$ADDONS"
    check_odoo_step $? reinstall "reinstall of $ADDONS after the uninstall"
    [ -z "$keep" ] && dropdb --if-exists "$DB_CYCLE"
}

odoo_tests() {
    ADDONS_PATH=$(odoo_addons_path)
    HTTP_PORT=${SQ_TEST_HTTP_PORT:-18069}
    ensure_odoo_test_deps || { ko "installing pytest-odoo / chromium"; return; }
    local rc tags
    tags=$(tr ',' '\n' <<<"$ADDONS" | sed 's|^|/|' | paste -sd,)

    step "Odoo: fresh database $DB_DEMO with demo data"
    dropdb --if-exists "$DB_DEMO"
    odoo_run install-demo "$DB_DEMO" -i "$ADDONS" --load-language=en_US,zh_CN
    check_odoo_step $? install-demo "install of $ADDONS with demo data"

    step "Odoo: tests with pytest-odoo on $DB_DEMO"
    local test_dirs
    test_dirs=$(tr ',' '\n' <<<"$ADDONS" | sed 's|$|/tests|' | paste -sd' ')
    # shellcheck disable=SC2086
    timeout "$ODOO_TIMEOUT" "$ODOO_PYTHON" -m pytest -q -p no:cacheprovider \
        --odoo-database="$DB_DEMO" --odoo-addons-path="$ADDONS_PATH" \
        --junitxml="$LOG_DIR/odoo-pytest.xml" $test_dirs
    rc=$?
    if [ -f "$LOG_DIR/odoo-pytest.xml" ] && [ "$rc" -le 1 ]; then
        add_counts "$("$VENV/bin/python" tools/count_results.py junit "$LOG_DIR/odoo-pytest.xml")" \
            "pytest-odoo"
        say "(HttpCase tests are skipped by pytest-odoo and run next in Odoo's runner)"
    else
        ko "pytest-odoo exited with $rc"
    fi

    step "Odoo: browser tests (HttpCase, tours) with Odoo's runner on $DB_DEMO"
    odoo_run tours-demo "$DB_DEMO" --test-enable --test-tags="sq_browser"
    check_odoo_step $? tours-demo "browser tests ran clean"
    odoo_test_counts tours-demo "browser tests"

    step "Odoo: upgrade (-u) of $ADDONS on $DB_DEMO"
    odoo_run upgrade-demo "$DB_DEMO" -u "$ADDONS"
    check_odoo_step $? upgrade-demo "upgrade of $ADDONS with demo data"

    uninstall_cycle

    step "Odoo: fresh database $DB_NODEMO without demo data, all tests in Odoo's runner"
    dropdb --if-exists "$DB_NODEMO"
    local nodemo_addons=$ADDONS
    [[ ",$ADDONS," == *,service_quality_helpdesk,* ]] && nodemo_addons="$ADDONS,$HELPDESK_COEXIST"
    odoo_run install-nodemo "$DB_NODEMO" -i "$nodemo_addons" --without-demo=all \
        --test-enable --test-tags="$tags"
    check_odoo_step $? install-nodemo "install of $ADDONS without demo data, tests clean"
    odoo_test_counts install-nodemo "Odoo tests without demo data"

    step "Odoo: upgrade (-u) of $ADDONS on $DB_NODEMO"
    odoo_run upgrade-nodemo "$DB_NODEMO" -u "$ADDONS"
    check_odoo_step $? upgrade-nodemo "upgrade of $ADDONS without demo data"

    replica_check

    if [ -z "$keep" ]; then
        dropdb --if-exists "$DB_DEMO"
        dropdb --if-exists "$DB_NODEMO"
    fi
}

# One test per "ok:" / "FAILED:" line of tools/replica_check.py.
replica_check() {
    step "Odoo: reads on a streaming PostgreSQL replica on $DB_NODEMO"
    if [ "$(id -u)" != 0 ]; then
        SKIPPED=$((SKIPPED + 1))
        say "skipped: the replica runs as the postgres user, which needs root"
        return
    fi
    local log="$LOG_DIR/replica-check.log" rc p f
    timeout 300 "$ODOO_PYTHON" tools/replica_check.py --db "$DB_NODEMO" \
        --odoo-python "$ODOO_PYTHON" --odoo-bin "$ODOO_BIN" \
        --addons-path "$ADDONS_PATH" --http-port "$HTTP_PORT" \
        --log-dir "$LOG_DIR" >"$log" 2>&1
    rc=$?
    grep -E '^(ok|FAILED): |took' "$log"
    p=$(grep -c '^ok: ' "$log") f=$(grep -c '^FAILED: ' "$log")
    if { [ "$rc" != 0 ] || [ "$p" = 0 ]; } && [ "$f" = 0 ]; then
        f=1
        tail -20 "$log"
    fi
    add_counts "$p $f 0" "replica checks"
}

static_checks
pure_tests
wheel_checks
if [ -n "$no_odoo" ]; then
    say ""
    say "Odoo tests skipped: --no-odoo was given."
else
    reason=$(odoo_missing_reason)
    if [ -n "$reason" ]; then
        say ""
        say "Odoo tests skipped: $reason (ODOO_HOME=$ODOO_HOME; see README.md to install Odoo 18 there)."
    elif ! ensure_postgres; then
        ko "PostgreSQL could not be installed or started"
    else
        odoo_tests
    fi
fi

say ""
say "Took $(( $(date +%s) - START ))s; logs in $LOG_DIR"
summary="$PASSED passed, $FAILED failed"
[ "$SKIPPED" -gt 0 ] && summary="$summary, $SKIPPED skipped"
say "$summary"
[ "$FAILED" = 0 ]
