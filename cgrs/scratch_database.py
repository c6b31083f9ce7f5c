"""A throwaway database on the configured server, for benchmarks (never the main one).

    with scratch_database("cgrs_bench", keep=False):
        ...  # the default connection now points at a freshly migrated `cgrs_bench`

The database is dropped on the way out (unless `keep`), and the default connection points
back at the main database, whatever happened inside.
"""

from __future__ import annotations

from contextlib import contextmanager

import psycopg
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections


def _admin_connection():
    params = connections["default"].get_connection_params()
    params["dbname"] = "postgres"
    return psycopg.connect(**params, autocommit=True)


def _use(name: str) -> None:
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = name


@contextmanager
def scratch_database(name: str, *, keep: bool = False):
    main = connections["default"].settings_dict["NAME"]
    if name == main:
        raise CommandError("The scratch database must not be the main database.")
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        _use(name)
        call_command("migrate", verbosity=0)
        yield
    finally:
        _use(main)
        if not keep:
            with _admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
