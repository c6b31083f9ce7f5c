"""My Account is assembled from sections that each app contributes.

An app offers sections in its `my_account.py`: `SECTIONS = [Section(...), ...]`. A section
names the roles it is for, its template, and a function that returns its context (it runs
only for those roles, so it may query freely but must keep its query count constant).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps

from accounts.permissions import has_role


@dataclass(frozen=True)
class Section:
    roles: frozenset[str]
    template: str
    context: Callable[[object], dict]
    order: int = 50


@cache  # the apps and their modules are fixed once Django has started
def _all_sections() -> list[Section]:
    sections: list[Section] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.my_account")
        except ModuleNotFoundError:
            continue
        sections.extend(getattr(module, "SECTIONS", []))
    return sorted(sections, key=lambda section: section.order)


def sections_for(request) -> list[dict]:
    """The rendered-ready sections for the signed-in user: [{"template", "context"}]."""
    return [
        {"template": section.template, "context": section.context(request)}
        for section in _all_sections()
        if has_role(request.user, section.roles)
    ]
