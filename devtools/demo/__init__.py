"""Demo data: each module fills in one app's part (idempotent: `make run` runs it every time)."""

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
