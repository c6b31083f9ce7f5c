"""Role-by-URL expectations for this app's URLs (see tests/url_matrix.py)."""

from tests.cases.factories import CaseFactory
from tests.url_matrix import Route, expect, only


def _own_case(world):
    return {"number": CaseFactory(attorney=world.users["attorney"]).number}


ROUTES: list[Route] = [
    Route("outcomes:create", only("attorney"), kwargs=_own_case),
    Route("outcomes:create", only("attorney"), kwargs=_own_case, method="post", note="errors"),
    Route(
        "outcomes:create",
        expect(302, 404, 403, 403, 403, 403),
        kwargs=lambda world: {"number": CaseFactory().number},
        note="another attorney's case",
    ),
]
