"""The per-process versioned cache the library index, the expert search and search's
results share: a value is built once per key and version, again when the version changes,
per database, bounded, and once however many threads ask at the same time."""

import threading

import pytest
from django.db import connection

from cgrs.versioned_cache import VersionedCache


class Builds:
    """A build function that counts its calls and returns (key, version, call number)."""

    def __init__(self):
        self.calls = 0

    def __call__(self, key, version):
        def build():
            self.calls += 1
            return (key, version, self.calls)

        return build


def test_built_once_per_version_and_again_when_it_changes():
    cache, builds = VersionedCache(size=4), Builds()
    assert cache.get("k", 1, builds("k", 1)) == ("k", 1, 1)
    assert cache.get("k", 1, builds("k", 1)) == ("k", 1, 1)
    assert cache.get("k", 2, builds("k", 2)) == ("k", 2, 2)
    # Versions are compared for equality, not order: going back is a change too.
    assert cache.get("k", 1, builds("k", 1)) == ("k", 1, 3)
    assert builds.calls == 3


def test_any_hashable_version_will_do():
    cache, builds = VersionedCache(size=4), Builds()
    stamp = "2026-12-05 13:00:00.123456+00"
    assert cache.get("k", stamp, builds("k", stamp))[2] == 1
    assert cache.get("k", stamp, builds("k", stamp))[2] == 1
    assert cache.get("k", (3, 7, None), builds("k", 0))[2] == 2
    assert cache.get("k", (3, 7, None), builds("k", 0))[2] == 2


def test_keys_are_independent_and_the_least_recently_used_goes_first():
    cache, builds = VersionedCache(size=2), Builds()
    cache.get("a", 1, builds("a", 1))
    cache.get("b", 1, builds("b", 1))
    cache.get("a", 1, builds("a", 1))  # "a" is now the most recently used
    cache.get("c", 1, builds("c", 1))  # evicts "b"
    assert len(cache) == 2
    assert builds.calls == 3
    cache.get("a", 1, builds("a", 1))
    assert builds.calls == 3
    cache.get("b", 1, builds("b", 1))
    assert builds.calls == 4


def test_size_zero_keeps_nothing():
    cache, builds = VersionedCache(size=0), Builds()
    cache.get("k", 1, builds("k", 1))
    cache.get("k", 1, builds("k", 1))
    assert builds.calls == 2
    assert len(cache) == 0


def test_clear_forgets_everything():
    cache, builds = VersionedCache(size=4), Builds()
    cache.get("k", 1, builds("k", 1))
    cache.clear()
    cache.get("k", 1, builds("k", 1))
    assert builds.calls == 2


def test_each_database_has_its_own_values(monkeypatch):
    cache, builds = VersionedCache(size=4), Builds()
    cache.get("k", 1, builds("k", 1))
    monkeypatch.setitem(connection.settings_dict, "NAME", "cgrs_bench_elsewhere")
    assert cache.get("k", 1, builds("k", 1))[2] == 2
    monkeypatch.undo()
    assert cache.get("k", 1, builds("k", 1))[2] == 1


def test_a_failed_build_leaves_nothing_behind():
    cache, builds = VersionedCache(size=4), Builds()

    def failing():
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        cache.get("k", 1, failing)
    assert cache.get("k", 1, builds("k", 1)) == ("k", 1, 1)


def test_threads_asking_at_once_share_one_build_and_other_keys_do_not_wait():
    cache = VersionedCache(size=4)
    started, release = threading.Event(), threading.Event()
    calls = []

    def slow():
        calls.append("slow")
        started.set()
        assert release.wait(10)
        return "catalogue"

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("slow", 1, slow)))
        for _ in range(4)
    ]
    threads[0].start()
    assert started.wait(10)
    for thread in threads[1:]:
        thread.start()
    # While "slow" is being built, another key is served without waiting for it.
    assert cache.get("other", 1, lambda: "quick") == "quick"
    release.set()
    for thread in threads:
        thread.join(10)
    assert results == ["catalogue"] * 4
    assert calls == ["slow"]
