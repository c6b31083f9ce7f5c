"""Time pages through a real gunicorn (benchmarks only), as docs/performance.md measures them.

    with gunicorn_server(workers=2) as base_url:
        figures = time_get(base_url + "/library/", cookie, requests=200)

The server runs this checkout with DEBUG off on the database the default connection points
at now (a bench's scratch database), with static files collected into a temporary folder.
A figure is wall time at the client for one request on a fresh connection (gunicorn's sync
workers close every connection): the server's work plus a loopback round trip.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from devtools.bench.timing import p50_p95
from devtools.scratch_database import database_url

HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start listening")


@contextmanager
def gunicorn_server(*, workers: int = 2, application: str = "cgrs.wsgi:application"):
    """gunicorn serving `application` (the production WSGI application unless a benchmark
    gives its own, e.g. devtools.bench.cold_search) until the block ends."""
    with tempfile.TemporaryDirectory(prefix="cgrs-bench-static-") as static_root:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cgrs.settings.local",
            "DEBUG": "false",
            "DATABASE_URL": database_url(),
            "STATIC_ROOT": static_root,
            "PRIVATE_FILES_ROOT": str(settings.PRIVATE_FILES_ROOT),
        }
        base = Path(settings.BASE_DIR)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=base,
            env=env,
            check=True,
        )
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", application, "--bind",
             f"{HOST}:{port}", "--workers", str(workers), "--log-level", "warning"],
            cwd=base,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            _wait_until_listening(port, process)
            yield f"http://{HOST}:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _get(port: int, path: str, cookie: str) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Host": HOST})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def time_get(url: str, cookie: str, *, requests: int, warm: int = 20) -> tuple[float, float]:
    """p50 and p95 (ms) of GET `url` (on the server gunicorn_server started) with the given
    Cookie header, after `warm` requests (enough for every worker to have built its index
    and loaded its templates)."""
    parts = urlsplit(url)
    port = parts.port
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path
    for _ in range(warm):
        status = _get(port, path, cookie)
        if status != 200:
            raise RuntimeError(f"{path}: HTTP {status}")
    timings = []
    for _ in range(requests):
        began = time.perf_counter()
        _get(port, path, cookie)
        timings.append((time.perf_counter() - began) * 1000)
    return p50_p95(timings)
