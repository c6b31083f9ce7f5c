"""`make run`: the embedded database and the development server, stopped together.

However `make run` ends - Ctrl-C (SIGINT), SIGTERM, a closed terminal (SIGHUP), or `make`
itself killed with SIGKILL (the kernel then sends us SIGTERM, see _die_with_parent) - this
supervisor stops the server it started and then the embedded PostgreSQL, unless another live
process (a test run, a Celery worker) still uses it. If the supervisor itself is killed with
SIGKILL, its children get SIGTERM from the kernel, and the next `make run` clears what the
crash left (cgrs.embedded_db.start_server) and starts cleanly.

Each step runs in its own process group, so a signal reaches the step only through us, once,
and the database is stopped only after the step has exited.

    python -m cgrs.local_run [--host 127.0.0.1] [--port 8000] [--no-setup]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
STEP_GRACE_SECONDS = 15
_PR_SET_PDEATHSIG = 1

SETUP_STEPS = [
    ["migrate", "--noinput"],
    ["createcachetable"],
    ["load_demo_data", "--print-logins"],
]


def data_dir() -> Path:
    """The same folder the settings use (cgrs.settings.base.DATA_DIR)."""
    return Path(os.environ.get("CGRS_DATA_DIR") or BASE_DIR / ".data")


def _die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Ask Linux to send `sig` to this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)


class Supervisor:
    def __init__(self) -> None:
        self.step: subprocess.Popen | None = None
        self.stop_signal: int | None = None

    def handle(self, signum, frame) -> None:
        # Ctrl-C is passed on as Ctrl-C (runserver exits quietly); anything else as SIGTERM.
        self.stop_signal = signum
        self._signal_step(signal.SIGINT if signum == signal.SIGINT else signal.SIGTERM)

    def _signal_step(self, sig: int) -> None:
        if self.step is not None and self.step.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.step.pid, sig)

    def run(self, args: list[str]) -> int:
        if self.stop_signal is not None:
            return 128 + self.stop_signal
        self.step = subprocess.Popen(
            [sys.executable, str(BASE_DIR / "manage.py"), *args],
            cwd=BASE_DIR,
            process_group=0,
            preexec_fn=_die_with_parent,  # safe: this process has a single thread
        )
        while True:
            try:
                returncode = self.step.wait(STEP_GRACE_SECONDS if self.stop_signal else None)
                break
            except subprocess.TimeoutExpired:
                self._signal_step(signal.SIGKILL)
        # The step is gone; make sure nothing it started outlives it (runserver's reloader child).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.step.pid, signal.SIGKILL)
        return returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cgrs.local_run", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    parser.add_argument(
        "--no-setup", action="store_true", help="serve without migrating or loading demo data"
    )
    options = parser.parse_args(argv)

    supervisor = Supervisor()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, supervisor.handle)
    parent = os.getppid()
    _die_with_parent()
    if os.getppid() != parent:  # our parent died before the request above took effect
        return 128 + signal.SIGTERM

    # Links in the emails the demo sends point where this server actually answers.
    os.environ.setdefault("SITE_URL", f"http://{options.host}:{options.port}")
    embedded = not os.environ.get("DATABASE_URL")
    if embedded:
        from cgrs.embedded_db import embedded_database

        embedded_database(data_dir())
    try:
        steps = [] if options.no_setup else SETUP_STEPS
        for step in [*steps, ["runserver", f"{options.host}:{options.port}"]]:
            returncode = supervisor.run(step)
            if returncode != 0 or supervisor.stop_signal is not None:
                break
    finally:
        if embedded:
            from cgrs.embedded_db import stop_server

            if stop_server(data_dir()):
                print("local_run: the embedded database is stopped.", file=sys.stderr)
            else:
                print(
                    "local_run: the embedded database keeps running for another process "
                    "that uses it.",
                    file=sys.stderr,
                )
    return 0 if supervisor.stop_signal is not None else returncode


if __name__ == "__main__":
    sys.exit(main())
