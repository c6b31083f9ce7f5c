"""Demo data: each module fills in one app's part (idempotent: `make run` runs it every time)."""

# The order `load_demo_data` loads them in (each builds on those before it).
LOADERS = [
    "devtools.demo.taxonomy.load",
    "devtools.demo.accounts.load",
    "devtools.demo.cases.load",
    "devtools.demo.outcomes.load",
    "insights.demo.load",
    "devtools.demo.documents.load",
    "devtools.demo.redaction.load",
    "ta_library.demo.load",
    "devtools.demo.search.load",
    "devtools.demo.experts.load",
    "alerts.demo.load",
    "devtools.demo.ta_requests.load",
]
