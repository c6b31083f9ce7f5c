"""The embedded PostgreSQL used when no DATABASE_URL is given.

A fresh machine needs nothing but Python: the `pgserver` package ships PostgreSQL binaries,
and every process of the project (runserver and its reloader, gunicorn workers, Celery,
pytest and its xdist workers) attaches to the same server under `.data/postgres`. pgserver
counts the attached processes and stops the server when the last one exits, so Ctrl-C on
`make run` shuts the database down cleanly.
"""

from __future__ import annotations

import warnings
from pathlib import Path

DATABASE_NAME = "cgrs"


def embedded_database(data_dir: Path) -> dict:
    """Start (or attach to) the embedded server and return Django DATABASES settings."""
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver
    import psycopg

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir / "postgres", cleanup_mode="stop")
    socket_dir = str(data_dir / "postgres")
    with psycopg.connect(
        host=socket_dir, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    # Keep a reference so the server object (and its atexit cleanup) lives as long as we do.
    embedded_database.server = server
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": "",
    }
