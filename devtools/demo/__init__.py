"""Demo data: each module fills in one app's part (idempotent: `make run` runs it every time)."""

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


def load(*apps: str, say=lambda _message: None) -> None:
    """Load the demo parts of the named apps ("taxonomy", "cases", ...) in `LOADERS` order,
    whatever order they are named in: tests load only the parts they read."""
    wanted = set(apps)
    unknown = wanted - {dotted.split(".")[2] for dotted in LOADERS}
    if unknown:
        raise ValueError(f"No demo loader for {sorted(unknown)}")
    for dotted in LOADERS:
        if dotted.split(".")[2] in wanted:
            import_string(dotted)(say)
