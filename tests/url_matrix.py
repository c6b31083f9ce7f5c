"""The role-by-URL matrix (SECURITY S1): vocabulary for the per-app route tables.

Each app lists its URLs in `tests/<app>/url_matrix.py` as `ROUTES = [Route(...), ...]`.
`tests/test_url_matrix.py` walks the URL resolver and fails for any named URL that no table
lists, so a new URL cannot ship without saying who may open it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

PRINCIPALS = ("anonymous", "attorney", "pro_se", "expert", "clinic", "staff")

# Modules holding ROUTES tables, one per app.
TABLES = [
    "tests.cgrs.url_matrix",
    "tests.accounts.url_matrix",
    "tests.cases.url_matrix",
    "tests.outcomes.url_matrix",
    "tests.ta_library.url_matrix",
    "tests.search.url_matrix",
    "tests.experts.url_matrix",
    "tests.documents.url_matrix",
    "tests.alerts.url_matrix",
    "tests.redaction.url_matrix",
    "tests.insights.url_matrix",
    "tests.ta_requests.url_matrix",
]


@dataclass
class World:
    """What a route's kwargs builder may use: the users of each role (the 'attorney' is the
    owner of whatever the builder creates)."""

    users: dict


@dataclass
class Route:
    name: str
    expect: dict[str, int]
    kwargs: Callable[[World], dict] | None = None
    query: str = ""
    method: str = "get"
    note: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        missing = set(PRINCIPALS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: no expectation for {sorted(missing)}")


def expect(anonymous: int, attorney: int, pro_se: int, expert: int, clinic: int, staff: int):
    return dict(zip(PRINCIPALS, (anonymous, attorney, pro_se, expert, clinic, staff), strict=True))


def everyone(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(PRINCIPALS, status)


def signed_in(status: int = 200) -> dict[str, int]:
    return {**dict.fromkeys(PRINCIPALS, status), "anonymous": 302}


def only(*roles: str, status: int = 200) -> dict[str, int]:
    """Anonymous is sent to sign in; the listed roles get `status`; the rest 403."""
    table = {p: 403 for p in PRINCIPALS}
    table["anonymous"] = 302
    for role in roles:
        table[role] = status
    return table
