"""Role-by-URL expectations for this app's URLs (see tests/url_matrix.py)."""

from tests.cases.factories import CaseFactory
from tests.url_matrix import Route, expect, only


def _own_case(world):
    return {"number": CaseFactory(attorney=world.users["attorney"]).number}


# Attorney pages serve the attorney's own cases only: staff read cases in the staff views.
ROUTES: list[Route] = [
    Route("cases:list", only("attorney")),
    Route("cases:intake", only("attorney")),
    Route("cases:intake", only("attorney"), method="post", note="empty form: errors, 200"),
    Route("cases:detail", only("attorney"), kwargs=_own_case),
    Route("cases:submitted", only("attorney"), kwargs=_own_case),
    Route("cases:edit", only("attorney"), kwargs=_own_case),
    Route("cases:edit", only("attorney"), kwargs=_own_case, method="post", note="errors, 200"),
    Route("cases:close", only("attorney", status=302), kwargs=_own_case, method="post"),
    Route("cases:reopen", only("attorney", status=302), kwargs=_own_case, method="post"),
    Route(
        "cases:close",
        expect(302, 404, 403, 403, 403, 403),
        kwargs=lambda world: {"number": CaseFactory().number},
        method="post",
        note="another attorney's case",
    ),
    Route("cases:staff_list", only("staff")),
    Route("cases:staff_detail", only("staff"), kwargs=_own_case),
    # Someone else's case: the owner-scoped fetch makes it a 404 for every attorney page.
    Route(
        "cases:detail",
        expect(302, 404, 403, 403, 403, 403),
        kwargs=lambda world: {"number": CaseFactory().number},
        note="another attorney's case",
    ),
]
