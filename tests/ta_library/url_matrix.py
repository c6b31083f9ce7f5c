"""Role-by-URL expectations for TA Library URLs (see tests/url_matrix.py)."""

from tests.cases.factories import CaseFactory
from tests.url_matrix import Route, only


def _own_case(world):
    return {"number": CaseFactory(attorney=world.users["attorney"]).number}


ROUTES: list[Route] = [
    Route("ta_library:case_library", only("attorney", "staff"), kwargs=_own_case),
]
