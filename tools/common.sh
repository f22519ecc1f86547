# Shared by run_demo.sh and run_tests.sh; sourced, not executed.
# shellcheck shell=bash

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_HOME=${ODOO_HOME:-/opt/odoo18}
ODOO_PYTHON="$ODOO_HOME/venv/bin/python"
ODOO_BIN="$ODOO_HOME/src/odoo-bin"
# Every installable addon at the root of the repository, comma-separated.
ADDONS=${SQ_ADDONS:-$(cd "$REPO_ROOT" && for manifest in */__manifest__.py; do
    grep -qE "[\"']installable[\"']: *False" "$manifest" || dirname "$manifest"
done | paste -sd,)}

say() { printf '%s\n' "$*"; }

# Where Odoo's own addons live: the host layout of ODOO_HOST.md puts them in
# src/odoo/addons; a git checkout of odoo/odoo has them in src/addons too.
odoo_addons_path() {
    local path="$ODOO_HOME/src/odoo/addons"
    [ -d "$ODOO_HOME/src/addons" ] && path="$ODOO_HOME/src/addons,$path"
    # OCA addons installed as wheels into Odoo's venv (optional bridges)
    local oca
    oca=$("$ODOO_PYTHON" - <<'PY' 2>/dev/null
import os, sysconfig
path = os.path.join(sysconfig.get_paths()["purelib"], "odoo", "addons")
print(path if os.path.isdir(path) else "")
PY
)
    [ -n "$oca" ] && path="$path,$oca"
    printf '%s,%s' "$path" "$REPO_ROOT"
}

# Prints why Odoo cannot be used, or nothing when it can.
odoo_missing_reason() {
    if [ ! -x "$ODOO_PYTHON" ]; then
        printf 'no Python venv at %s/venv' "$ODOO_HOME"
    elif [ ! -f "$ODOO_BIN" ] || [ ! -d "$ODOO_HOME/src/odoo" ]; then
        printf 'no Odoo source (odoo-bin and odoo/) under %s/src' "$ODOO_HOME"
    elif ! "$ODOO_PYTHON" -c 'import odoo.release as r; assert r.version_info[0] == 18' 2>/dev/null; then
        printf 'the Odoo at %s is not Odoo 18' "$ODOO_HOME"
    fi
}

apt_install() {
    if [ "$(id -u)" != 0 ]; then
        say "!! $* missing and not root: install them with apt-get (Debian packages: $*)."
        return 1
    fi
    if [ -z "${_APT_UPDATED:-}" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && _APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Installs PostgreSQL from Debian when missing, starts it and makes sure the
# current Unix user has a superuser role (Odoo connects over the local socket).
ensure_postgres() {
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        say "PostgreSQL is not installed: installing it from Debian."
        apt_install postgresql || return 1
    fi
    if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
        if command -v service >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
            service postgresql start >/dev/null
        else
            pg_lsclusters -h | while read -r ver name _; do
                pg_ctlcluster "$ver" "$name" start
            done
        fi
    fi
    local me
    me=$(id -un)
    if ! psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then
            su postgres -c "createuser --superuser $me" >/dev/null 2>&1 || true
        fi
    fi
    psql -d postgres -tAc 'select 1' >/dev/null 2>&1 || {
        say "!! PostgreSQL is running but user $me cannot connect to it."
        return 1
    }
}
