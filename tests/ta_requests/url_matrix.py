"""Role-by-URL expectations for requests for more help (see tests/url_matrix.py).

SECURITY S2: an attorney reaches only their own requests; another attorney's is a 404. Pro
se users, experts and clinics cannot open any of it.
"""

from tests.url_matrix import Route, everyone, expect, only

# (anonymous, attorney, pro_se, expert, clinic, staff)
OTHERS = expect(302, 404, 403, 403, 403, 403)


def _own_case(world):
    from tests.cases.factories import CaseFactory

    return {"number": CaseFactory(attorney=world.users["attorney"]).number}


def _others_case(world):
    from tests.cases.factories import CaseFactory

    return {"number": CaseFactory().number}


def _own_request(world, **fields):
    from tests.cases.factories import CaseFactory
    from tests.ta_requests.factories import TARequestFactory

    case = CaseFactory(attorney=world.users["attorney"])
    return {"pk": TARequestFactory(case=case, **fields).pk}


def _others_request(world):
    from tests.ta_requests.factories import TARequestFactory

    return {"pk": TARequestFactory().pk}


ROUTES: list[Route] = [
    Route("ta_requests:choose_case", only("attorney")),
    Route("ta_requests:choose_case", only("attorney", status=302), query="case=12345"),
    Route("ta_requests:create", only("attorney"), kwargs=_own_case),
    Route(
        "ta_requests:create",
        only("attorney", status=400),
        kwargs=_own_case,
        method="post",
        note="empty form: it comes back with what to fix",
    ),
    Route("ta_requests:create", OTHERS, kwargs=_others_case),
    Route("ta_requests:create", OTHERS, kwargs=_others_case, method="post"),
    Route("ta_requests:detail", only("attorney"), kwargs=_own_request),
    Route(
        "ta_requests:detail",
        only("attorney", status=400),
        kwargs=_own_request,
        method="post",
        note="empty reply: the form comes back",
    ),
    Route("ta_requests:detail", OTHERS, kwargs=_others_request),
    Route("ta_requests:detail", OTHERS, kwargs=_others_request, method="post"),
    Route("ta_requests:detail", OTHERS, kwargs=lambda world: {"pk": 987654321}),
    Route("ta_requests:withdraw", only("attorney"), kwargs=_own_request),
    Route("ta_requests:withdraw", only("attorney", status=302), kwargs=_own_request, method="post"),
    Route("ta_requests:withdraw", OTHERS, kwargs=_others_request),
    Route("ta_requests:withdraw", OTHERS, kwargs=_others_request, method="post"),
    Route("ta_requests:staff_queue", only("staff")),
    Route(
        "ta_requests:staff_queue",
        only("staff"),
        query="status=maybe&kind=x&assignee=abc&country=ZZ&stage=-1&page=-3",
        note="bad filters: ignored with a message, never a 500",
    ),
    Route("ta_requests:staff_queue", only("staff"), query="status=open&kind=legal_research"),
    Route("ta_requests:staff_detail", only("staff"), kwargs=_others_request),
    Route("ta_requests:staff_detail", only("staff", status=404), kwargs=lambda w: {"pk": 98765}),
    Route("ta_requests:staff_respond", everyone(405), kwargs=_others_request),
    Route(
        "ta_requests:staff_respond",
        only("staff", status=400),
        kwargs=_others_request,
        method="post",
        note="no action chosen",
    ),
    Route("ta_requests:staff_assign", everyone(405), kwargs=_others_request),
    Route(
        "ta_requests:staff_assign",
        only("staff", status=302),
        kwargs=_others_request,
        method="post",
        note="unassign",
    ),
]
