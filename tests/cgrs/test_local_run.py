"""`make run`'s supervisor (cgrs.local_run), really started: killed with SIGKILL it leaves a
running database and dead attached processes behind, and the next run still starts cleanly;
SIGTERM stops the server and the embedded database.

The supervisor runs with its own data folder (its own PostgreSQL), without the setup steps
(`--no-setup`: migrating a new database would only make the test slower).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(data_dir: Path, port: int) -> subprocess.Popen:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["CGRS_DATA_DIR"] = str(data_dir)
    return subprocess.Popen(
        [sys.executable, "-m", "cgrs.local_run", "--no-setup", "--port", str(port)],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_serving(port: int, supervisor: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert supervisor.poll() is None, supervisor.stderr.read()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                assert b'"database": "ok"' in resp.read()
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"nothing served on port {port} within {timeout}s")


def _port_closed(port: int, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return True
        time.sleep(0.2)
    return False


def _postmaster(data_dir: Path) -> psutil.Process | None:
    try:
        pid = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
        return psutil.Process(pid)
    except (FileNotFoundError, psutil.NoSuchProcess):
        return None


@pytest.fixture
def data_dir():
    # Not pytest's tmp_path: every pytest session (of any checkout) takes the group and other
    # bits off /tmp/pytest-of-<user>, and the server runs as another user when we are root.
    path = Path(tempfile.mkdtemp(prefix="cgrs-local-run-"))
    yield path
    from cgrs.embedded_db import stop_server

    stop_server(path)
    shutil.rmtree(path, ignore_errors=True)


def test_sigkill_then_restart_then_sigterm_stops_server_and_database(data_dir):
    port = _free_port()
    first = _start(data_dir, port)
    _wait_until_serving(port, first)
    crashed_postmaster = _postmaster(data_dir)

    first.kill()  # SIGKILL: no chance to clean up
    first.wait()
    assert _port_closed(port), "the dev server outlived its supervisor"
    # What the crash leaves: the database still runs, attached to processes that are gone.
    assert crashed_postmaster is not None and crashed_postmaster.is_running()

    second = _start(data_dir, port)
    try:
        _wait_until_serving(port, second)
        postmaster = _postmaster(data_dir)
        second.send_signal(signal.SIGTERM)
        assert second.wait(30) == 0
    finally:
        if second.poll() is None:
            second.kill()
    assert "the embedded database is stopped" in second.stderr.read()
    assert _port_closed(port, timeout=1)
    postmaster.wait(10)
    assert not postmaster.is_running()
    assert _postmaster(data_dir) is None
