"""Per-process values rebuilt when a version read from the database changes.

The pattern behind the library's catalogue bitmaps, the expert search's facet rows and
search's ranked results: something expensive to build from the database, read on every
request, that changes only when somebody writes. Each write also writes a version stamp
(one row, in the same transaction as the change), each request reads the stamp cheaply
(often with a query it makes anyway) and gets the value built at that stamp, building it
again when the stamp differs. Versions are compared for equality only, so any value the
stamp takes will do (a sequence number, a timestamp) as long as a committed change never
leaves it where it was.

Entries are per database (a process that switches databases, as a benchmark's scratch
database or the test database do, never reads another database's values), bounded (the
least recently used entry goes first), and safe to share between threads: a value is built
once per key and version however many threads ask for it at the same time, and building one
key never waits for another.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from django.db import connection

from cgrs.models import VersionStamp

V = TypeVar("V")

_UNBUILT = object()


class _Entry:
    __slots__ = ("built", "lock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        # (version, value), replaced as one so a reader never pairs one with the other's.
        self.built: tuple = (_UNBUILT, None)


class VersionedCache(Generic[V]):
    """Up to `size` values, each kept with the version it was built at.

    `get(key, version, build)` returns the value for `key` built at `version`, calling
    `build()` when there is none (first use, a different version, evicted). With `size` 0
    nothing is kept and every call builds (a benchmark's "cold" mode)."""

    def __init__(self, *, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: Hashable, build: Callable[[], V]) -> V:
        if self.size <= 0:
            return build()
        full_key = (connection.settings_dict["NAME"], key)
        with self._lock:
            entry = self._entries.get(full_key)
            if entry is None:
                entry = self._entries[full_key] = _Entry()
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            else:
                self._entries.move_to_end(full_key)
            built_at, value = entry.built
            if built_at == version:
                return value
        # Built outside the cache's lock, so a slow build (a catalogue of 100,000) holds up
        # only the requests that need the same key; the entry's lock makes the others wait
        # for its value instead of building it again.
        with entry.lock:
            built_at, value = entry.built
            if built_at != version:
                value = build()
                entry.built = (version, value)
            return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def stamp_bump(stamp: type[VersionStamp]) -> None:
    """Set the stamp to its sequence's next number, in the caller's transaction. Never a
    number used before, even after a rollback (a process could otherwise keep a value built
    from rolled-back data under a number that comes round again). Upserted, so a database
    whose row went missing (a flushed test database) gets it back."""
    table = stamp._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, version) VALUES (1, nextval('{stamp.SEQUENCE}')) "  # noqa: S608
            "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version"
        )


def stamp_read(stamp: type[VersionStamp]) -> int:
    """The stamp's number: one indexed read of one row (0 before the first write)."""
    return stamp.objects.filter(pk=1).values_list("version", flat=True).first() or 0
