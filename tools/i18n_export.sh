#!/usr/bin/env bash
# Regenerates i18n/<addon>.pot of each addon from a real Odoo database and
# merges it into i18n/zh_CN.po (new terms come out empty; translate them, the
# static checks refuse an incomplete zh_CN.po).
#
#   tools/i18n_export.sh                 # all addons
#   tools/i18n_export.sh service_quality # some addons
# Environment: ODOO_HOME, SQ_I18N_DB (default sq_i18n, created with demo data
# when missing so that demo records' terms are exported too).
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

reason=$(odoo_missing_reason)
[ -z "$reason" ] || { say "Cannot export terms: $reason."; exit 1; }
command -v msgmerge >/dev/null || apt_install gettext
ensure_postgres

DB=${SQ_I18N_DB:-sq_i18n}
addons=("$@")
[ ${#addons[@]} -gt 0 ] || IFS=',' read -r -a addons <<<"$ADDONS"
addons_csv=$(IFS=','; echo "${addons[*]}")
odoo() {
    "$ODOO_PYTHON" "$ODOO_BIN" -d "$DB" --addons-path="$(odoo_addons_path)" \
        --stop-after-init --log-level=warn "$@"
}

if psql -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    odoo -u "$addons_csv"
else
    odoo -i "$addons_csv"
fi

for addon in "${addons[@]}"; do
    pot="$addon/i18n/$addon.pot"
    po="$addon/i18n/zh_CN.po"
    mkdir -p "$addon/i18n"
    odoo --i18n-export="$pot" --modules="$addon"
    if [ -f "$po" ]; then
        msgmerge --quiet --no-fuzzy-matching --no-wrap --update --backup=none "$po" "$pot"
    else
        msginit --no-translator --no-wrap --locale=zh_CN --input="$pot" --output-file="$po"
    fi
    # Obsolete entries (#~) are terms that no longer exist: drop them.
    msgattrib --no-obsolete --no-wrap --output-file="$po" "$po"
    untranslated=$(msgattrib --untranslated "$po" | grep -c '^msgid ' || true)
    say "$addon: $(grep -c '^msgid ' "$pot") terms; zh_CN.po has $((untranslated > 0 ? untranslated - 1 : 0)) untranslated."
done
