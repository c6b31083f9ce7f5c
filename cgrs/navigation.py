"""The header navigation and the staff home's queues. Each app says which links it offers to
which roles, and which staff queues it keeps, in its `navigation.py`
(`ITEMS = [NavLink(...), ...]`, `QUEUES = [StaffQueue(...), ...]`); this module assembles them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 50


@dataclass(frozen=True)
class StaffQueue:
    """A list of things waiting for CGRS staff, shown on the staff home with how many wait."""

    label: str
    url_name: str
    explains: str
    waiting: Callable[[], int]  # one query
    order: int = 50
    # A filter on the list page (e.g. "state=in_redaction") when the queue is part of a list.
    query: str = ""


def _collect(attribute: str) -> list:
    found = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.navigation")
        except ModuleNotFoundError:
            continue
        found.extend(getattr(module, attribute, []))
    return sorted(found, key=lambda entry: entry.order)


@cache  # the apps and their modules are fixed once Django has started
def _all_links() -> list[NavLink]:
    return _collect("ITEMS")


@cache
def _all_queues() -> list[StaffQueue]:
    return _collect("QUEUES")


def staff_queues() -> list[dict]:
    """Every staff queue with how many items wait in it: one query per queue."""
    return [
        {
            "label": queue.label,
            "url": reverse(queue.url_name) + (f"?{queue.query}" if queue.query else ""),
            "explains": queue.explains,
            "waiting": queue.waiting(),
        }
        for queue in _all_queues()
    ]


def nav_items(request, role: str) -> list[dict]:
    """The header links for `role` ("anonymous" for visitors), marking the page's own."""
    items = []
    for link in _all_links():
        if role not in link.roles:
            continue
        url = reverse(link.url_name)
        active = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": link.label, "url": url, "active": active})
    return items
