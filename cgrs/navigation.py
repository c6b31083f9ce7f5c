"""The header navigation. Each app says which links it offers to which roles, in its
`navigation.py` (`ITEMS = [NavLink(...), ...]`); this module assembles them in app order."""

from __future__ import annotations

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


@cache  # the apps and their modules are fixed once Django has started
def _all_links() -> list[NavLink]:
    links: list[NavLink] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.navigation")
        except ModuleNotFoundError:
            continue
        links.extend(getattr(module, "ITEMS", []))
    return sorted(links, key=lambda link: link.order)


def nav_items(request) -> list[dict]:
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else "anonymous"
    items = []
    for link in _all_links():
        if role not in link.roles:
            continue
        url = reverse(link.url_name)
        active = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": link.label, "url": url, "active": active})
    return items
