"""A throwaway database on the configured server, for benchmarks (never the main one).

    with scratch_database("cgrs_bench", keep=False) as reused:
        ...  # the default connection now points at a freshly migrated `cgrs_bench`

The database is dropped on the way out (unless `keep`), and the default connection points
back at the main database, whatever happened inside. With `reuse`, a database of that name
kept by an earlier run is used as it is (`reused` is then True). Never under production
settings (DEMO_DATA_ALLOWED off).
"""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections


def database_url(alias: str = "default") -> str:
    """The DATABASE_URL of a connection as it is now (for a child process: a worker, a
    gunicorn), the embedded server's socket directory included."""
    db = connections[alias].settings_dict
    if db["HOST"].startswith("/"):
        return f"postgres://{db['USER']}@/{db['NAME']}?host={quote(db['HOST'])}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}{port}/{db['NAME']}"


def _admin_connection():
    params = connections["default"].get_connection_params()
    params["dbname"] = "postgres"
    return psycopg.connect(**params, autocommit=True)


def _use(name: str) -> None:
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = name


@contextmanager
def scratch_database(name: str, *, keep: bool = False, reuse: bool = False):
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError("Benchmarks never run under production settings.")
    main = connections["default"].settings_dict["NAME"]
    if name == main:
        raise CommandError("The scratch database must not be the main database.")
    with _admin_connection() as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        reused = bool(reuse and exists)
        if not reused:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        _use(name)
        call_command("migrate", verbosity=0)
        yield reused
    finally:
        _use(main)
        if not keep:
            with _admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
