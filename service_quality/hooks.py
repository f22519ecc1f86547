# Copyright 2026 Service Quality for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Uninstallation without errors.

Odoo deletes a module's data records (stages, dimensions, activity types,
surveys...) before it drops the module's tables and columns. The rows of
those tables still point at the records through foreign keys, so the
deletions fail, are logged as errors and leave the records behind. Those
rows and columns leave with the module anyway: they are let go first, and
the activities of the leaving activity types are dealt with.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def _leaving_modules(env):
    return env["ir.module.module"].search([("state", "=", "to remove")]).mapped("name")


def _leaving_models(env, modules):
    """Names of the models that leave with ``modules``: every module that
    declares them is leaving."""
    env.cr.execute(
        SQL(
            """
            SELECT m.model FROM ir_model m
              JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
             GROUP BY m.id HAVING bool_and(d.module = ANY(%s))
            """,
            modules,
        )
    )
    return [row[0] for row in env.cr.fetchall()]


def _leaving_tables(env, models):
    return {
        env[model]._table
        for model in models
        if model in env and env[model]._auto and not env[model]._abstract
    }


def release_restricted_records(env, modules, models):
    """Let Odoo delete the data records of ``modules`` that rows point at
    through a leaving ``ondelete="restrict"`` column (a complaint's stage, a
    gap's dimension, a form's survey...).

    On a table that leaves too, the rows that are no data record of the
    modules (what users created: complaints, forms, gaps) are deleted now,
    as they would be with their table; the data records are deleted by Odoo
    in the order they were loaded. On a table that stays (survey questions),
    only the column leaves: it is emptied."""
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            SELECT f.model, f.name FROM ir_model_fields f
              JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
             WHERE f.ttype = 'many2one' AND f.store
             GROUP BY f.id HAVING bool_and(d.module = ANY(%s))
            """,
            modules,
        )
    )
    leaving_columns = {
        (env[model]._table if model in env else model.replace(".", "_"), column)
        for model, column in env.cr.fetchall()
    }
    env.cr.execute(
        """
        SELECT t.relname, a.attname FROM pg_constraint c
          JOIN pg_class t ON t.oid = c.conrelid
          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND c.confdeltype = 'r'
        """
    )
    restricted = [row for row in env.cr.fetchall() if row in leaving_columns]
    leaving_tables = _leaving_tables(env, models)
    table_models = {env[model]._table: model for model in models if model in env}
    for table in sorted({table for table, __ in restricted} & leaving_tables):
        env.cr.execute(
            SQL(
                """
                DELETE FROM %(table)s t WHERE NOT EXISTS (
                    SELECT 1 FROM ir_model_data d
                     WHERE d.model = %(model)s AND d.res_id = t.id
                       AND d.module = ANY(%(modules)s))
                """,
                table=SQL.identifier(table),
                model=table_models[table],
                modules=modules,
            )
        )
        _logger.info("Uninstall: %s rows of %s deleted", env.cr.rowcount, table)
    for table, column in restricted:
        if table not in leaving_tables:
            env.cr.execute(
                SQL(
                    "UPDATE %s SET %s = NULL WHERE %s IS NOT NULL",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    SQL.identifier(column),
                )
            )
    env.invalidate_all()


def release_activity_types(env, modules, models):
    """Activities of the leaving activity types: those on leaving models go
    with them (Odoo would delete them with the models, but only after the
    types); a user's to-do elsewhere is kept as a plain to-do."""
    types = (
        env["ir.model.data"]
        .search([("module", "in", modules), ("model", "=", "mail.activity.type")])
        .mapped("res_id")
    )
    if not types:
        return
    activities = (
        env["mail.activity"]
        .sudo()
        .with_context(active_test=False)
        .search([("activity_type_id", "in", types)])
    )
    leaving = activities.filtered(lambda activity: activity.res_model in models)
    env.cr.execute(SQL("DELETE FROM mail_activity WHERE id = ANY(%s)", leaving.ids))
    todo = env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
    staying = activities - leaving
    if staying and todo and todo.id not in types:
        staying.write({"activity_type_id": todo.id})
    env.invalidate_all()


def uninstall_hook(env):
    modules = _leaving_modules(env)
    models = _leaving_models(env, modules)
    release_activity_types(env, modules, models)
    release_restricted_records(env, modules, models)
