"""Role-by-URL expectations for this app's URLs (see tests/url_matrix.py)."""

from experts.models import ListingStatus
from experts.services.availability import reconfirm_token
from tests.url_matrix import Route, everyone, expect, only

# SECURITY: experts and clinics never reach expert referrals (S3).
# (anonymous, attorney, pro_se, expert, clinic, staff)


def _listed(world):
    from tests.experts.factories import ListingFactory

    return {"pk": ListingFactory().pk}


def _own_cv(world):
    """The signed-in expert's own listed listing, with a CV."""
    from tests.experts.factories import ListingFactory

    return {"pk": ListingFactory(owner=world.users["expert"], with_cv=True).pk}


def _other_cv(world):
    """Another expert's listed listing with a CV: the signed-in expert must not get it."""
    from tests.experts.factories import ListingFactory

    return {"pk": ListingFactory(with_cv=True).pk}


def _draft_cv(world):
    """Another expert's draft with a CV: not even attorneys get it."""
    from tests.experts.factories import ListingFactory

    return {"pk": ListingFactory(status=ListingStatus.DRAFT, with_cv=True).pk}


def _own_draft(world):
    from tests.experts.factories import ListingFactory

    ListingFactory(owner=world.users["expert"], status=ListingStatus.DRAFT)
    return None


def _token(world):
    from tests.experts.factories import ListingFactory

    return {"token": reconfirm_token(ListingFactory())}


def _submitted(world):
    from tests.experts.factories import ListingFactory

    return {"pk": ListingFactory(status=ListingStatus.SUBMITTED).pk}


ROUTES: list[Route] = [
    Route("experts:search", only("attorney", "staff")),
    Route("experts:search", only("attorney", "staff"), query="type=country_conditions&country=GT"),
    Route(
        "experts:search",
        only("attorney", "staff"),
        query="type=mental_health&country=ZZ&topic=nope&fee=x&language=xx&page=-1",
        note="bad filters: a form error, never a 500",
    ),
    Route("experts:profile", only("attorney", "staff"), kwargs=_listed),
    Route(
        "experts:profile",
        only("attorney", "staff", status=404),
        kwargs=_draft_cv,
        note="an unlisted profile is found by nobody through the search pages",
    ),
    # HEAD: the download streams, and tests/cases/test_sentinel.py reads `.content` of every
    # attorney GET in this matrix. GETs of the CV are tested in tests/experts/test_uploads.py.
    Route("experts:cv", expect(302, 200, 403, 200, 404, 200), kwargs=_own_cv, method="head"),
    Route("experts:cv", expect(302, 200, 403, 404, 404, 200), kwargs=_other_cv, method="head"),
    Route("experts:cv", expect(302, 404, 403, 404, 404, 200), kwargs=_draft_cv, method="head"),
    Route("experts:my_listing", only("expert", "clinic")),
    Route("experts:listing_edit", only("expert", "clinic")),
    Route("experts:listing_submit", everyone(405), note="POST only"),
    Route(
        "experts:listing_submit",
        expect(302, 403, 403, 302, 404, 403),
        method="post",
        kwargs=_own_draft,
        note="the expert has a draft (no CV: refused with a message); the clinic has none",
    ),
    Route("experts:confirm_availability", expect(302, 403, 403, 404, 404, 403), method="post"),
    Route(
        "experts:confirm_availability",
        expect(302, 403, 403, 302, 404, 403),
        method="post",
        kwargs=_own_draft,
    ),
    Route("experts:reconfirm", everyone(200), kwargs=_token, note="the signed token is the key"),
    Route(
        "experts:reconfirm",
        everyone(404),
        kwargs=lambda world: {"token": "forged:token"},
    ),
    Route("experts:staff_queue", only("staff")),
    Route("experts:staff_review", only("staff"), kwargs=_submitted),
]
