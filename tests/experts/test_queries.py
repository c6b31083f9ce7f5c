"""Query counts stay the same at 5 and at 300 listings (no N+1); facet counts in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experts.models import ExpertType, ListingStatus
from tests.experts.factories import ListingFactory

pytestmark = pytest.mark.django_db

OWN_TABLES = ('"experts_', '"taxonomy_', '"audit_')
# topic vocabulary + listings' version (the facet rows are cached per version) + the page +
# its topics
SEARCH_QUERIES = 4
# the listing (with organization) + its topics + the audit row
PROFILE_QUERIES = 3
# status counts + count + page
QUEUE_QUERIES = 3


def _listings(count: int, taxonomy_terms, **fields):
    terms = list(taxonomy_terms.values())
    for i in range(count):
        ListingFactory(
            countries=["GT", "HN"][: 1 + i % 2],
            topics=terms[i % 5 : i % 5 + 2],
            languages=["en", "es", "fr"][: 1 + i % 3],
            fee_terms=["fee", "pro_bono", "sliding_scale"][i % 3],
            **fields,
        )


def _queries(client, url) -> tuple[int, int]:
    client.get(url)  # the first request of a session records it in allauth's user sessions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    own = [q for q in queries if any(table in q["sql"] for table in OWN_TABLES)]
    return len(queries), len(own)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "type=country_conditions",
        "type=country_conditions&country=GT&topic=domestic-violence&fee=fee&language=en&accepting=1",
    ],
)
def test_search_costs_the_same_at_5_and_300_listings(client_for, taxonomy_terms, query):
    client = client_for("attorney")
    url = f"{reverse('experts:search')}?{query}"
    _listings(5, taxonomy_terms)
    at_five = _queries(client, url)
    _listings(295, taxonomy_terms)
    ListingFactory.create_batch(10, status=ListingStatus.SUBMITTED)
    at_three_hundred = _queries(client, url)
    assert at_five == at_three_hundred
    if query:
        assert at_five[1] == SEARCH_QUERIES


def test_profile_query_count_does_not_grow_with_topics(client_for, taxonomy_terms):
    client = client_for("attorney")
    few = ListingFactory(topics=list(taxonomy_terms.values())[:1])
    many = ListingFactory(topics=list(taxonomy_terms.values()))
    at_few = _queries(client, reverse("experts:profile", args=[few.pk]))
    at_many = _queries(client, reverse("experts:profile", args=[many.pk]))
    assert at_few == at_many
    assert at_few[1] == PROFILE_QUERIES


def test_staff_queue_costs_the_same_at_5_and_300_submissions(client_for, taxonomy_terms):
    client = client_for("staff")
    url = reverse("experts:staff_queue")
    _listings(5, taxonomy_terms, status=ListingStatus.SUBMITTED)
    at_five = _queries(client, url)
    _listings(295, taxonomy_terms, status=ListingStatus.SUBMITTED)
    ListingFactory.create_batch(5, clinic=True, status=ListingStatus.SUBMITTED)
    at_three_hundred = _queries(client, url)
    assert at_five == at_three_hundred
    assert at_five[1] == QUEUE_QUERIES


def test_staff_review_page_is_bounded(client_for, taxonomy_terms):
    from experts.models import EventKind, ListingEvent

    client = client_for("staff")
    listing = ListingFactory(status=ListingStatus.SUBMITTED, with_cv=True)
    url = reverse("experts:staff_review", args=[listing.pk])
    at_one = _queries(client, url)
    ListingEvent.objects.bulk_create(
        ListingEvent(listing=listing, kind=EventKind.EDITED, changes=[]) for _ in range(40)
    )
    assert _queries(client, url) == at_one


def test_my_account_section_is_one_query(client_for, users):
    client = client_for("expert")
    ListingFactory(owner=users["expert"], expert_types=[ExpertType.MEDICAL], countries=[])
    _total, own = _queries(client, reverse("accounts:my_account"))
    assert own == 1
