"""Role-by-URL expectations for the alerts app (see tests/url_matrix.py).

The list page and the settings are the attorney's own; the unsubscribe page answers to the
signed token in its URL, whoever opens it (a mail client, a link scanner, a colleague), and
only its POST changes anything.
"""

from tests.url_matrix import Route, everyone, expect, only


def _own_case(world):
    from tests.cases.factories import CaseFactory

    return {"number": CaseFactory(attorney=world.users["attorney"]).number}


def _others_case(world):
    from tests.cases.factories import CaseFactory

    return {"number": CaseFactory().number}


def _token(world):
    from alerts.tokens import unsubscribe_token

    return {"token": unsubscribe_token(world.users["attorney"].pk)}


ROUTES: list[Route] = [
    Route("alerts:new_resources", only("attorney")),
    Route("alerts:all_cases", only("attorney", status=302), method="post", note="errors: back"),
    Route("alerts:case", only("attorney", status=302), kwargs=_own_case, method="post"),
    Route(
        "alerts:case",
        expect(302, 404, 403, 403, 403, 403),
        kwargs=_others_case,
        method="post",
        note="another attorney's case",
    ),
    Route("alerts:unsubscribe", everyone(), kwargs=_token, note="GET: a page with one button"),
    Route("alerts:unsubscribe", everyone(), kwargs=_token, method="post"),
    Route(
        "alerts:unsubscribe",
        everyone(400),
        kwargs=lambda world: {"token": "forged"},
        note="a forged token: 400 with a way to My Account",
    ),
]
