"""Demo data: each module fills in one app's part (idempotent: `make run` runs it every time)."""

from django.db import transaction
from django.utils.module_loading import import_string

# The order `load_demo_data` loads them in (each builds on those before it).
LOADERS = [
    "devtools.demo.taxonomy.load",
    "devtools.demo.accounts.load",
    "devtools.demo.cases.load",
    "devtools.demo.outcomes.load",
    "devtools.demo.insights.load",
    "devtools.demo.documents.load",
    "devtools.demo.redaction.load",
    "devtools.demo.ta_library.load",
    "devtools.demo.search.load",
    "devtools.demo.experts.load",
    "devtools.demo.alerts.load",
    "devtools.demo.ta_requests.load",
]


# The apps with a demo part, in that order.
APPS = tuple(dotted.split(".")[2] for dotted in LOADERS)


def load(*apps: str, say=lambda _message: None) -> None:
    """Load the demo parts of the named apps ("taxonomy", "cases", ...) in `LOADERS` order,
    whatever order they are named in, each in its own transaction: `load_demo_data` loads
    them all, tests only the parts they read."""
    unknown = set(apps) - set(APPS)
    if unknown:
        raise ValueError(f"No demo loader for {sorted(unknown)}")
    for app, dotted in zip(APPS, LOADERS, strict=True):
        if app in apps:
            with transaction.atomic():
                import_string(dotted)(say)
