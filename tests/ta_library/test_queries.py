"""Library pages cost the same number of queries at 10 and at 500 resources."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ta_library.models import Audience, Resource
from ta_library.services import catalogue_changed
from tests.cases.factories import CaseFactory
from tests.ta_library.factories import (
    ResourceFactory,
    ResourceTypeFactory,
    country_conditions_type,
    persecution,
    stage,
    topic,
)

pytestmark = pytest.mark.django_db

OWN_TABLES = ('"ta_library_', "ta_library_libraryvisit", '"cases_', '"audit_', '"taxonomy_')
# Pinned so that a new query shows up in review. Case library: the case (with its terms),
# its audit row, the page's rows (the case query also reads the catalogue version and the
# last visit).
CASE_LIBRARY_QUERIES = 3
BROWSE_QUERIES = 2  # catalogue version + the page's rows
DETAIL_QUERIES = 7  # resource (type joined), 4 tag lists, catalogue version, related rows
# Every signed-in request also reads its session and its user (with the access facts the
# role check needs); the session is written at most once a minute (accounts.middleware).
REQUEST_QUERIES = 2


def _catalogue(count: int) -> None:
    """`count` resources, bulk-inserted (with tags), then the version bumped once."""
    types = [ResourceTypeFactory(slug="sample-brief"), country_conditions_type()]
    dv, court, credibility = persecution(), stage(), topic()
    start = Resource.objects.count()
    rows = Resource.objects.bulk_create(
        Resource(
            title=f"Resource {start + i}",
            summary="Summary",
            resource_type=types[i % 2],
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
            external_url="https://example.org/r",
            countries=["GT"] if i % 2 else [],
            relevant_to_every_case=i % 7 == 0,
            audience=Audience.ATTORNEYS if i % 5 else Audience.BOTH,
            is_published=True,
            first_published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        )
        for i in range(count)
    )
    for field, term in (
        ("persecution_types", dv),
        ("procedural_stages", court),
        ("topics", credibility),
    ):
        through = getattr(Resource, field).through
        column = f"{term._meta.model_name}_id"
        through.objects.bulk_create(
            through(resource_id=r.pk, **{column: term.pk}) for r in rows[::2]
        )
    catalogue_changed()


def _queries(client, url) -> tuple[int, int]:
    client.get(url)  # warm: the session's first request, the bitmaps' build
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    own = [q for q in queries if any(t in q["sql"] for t in OWN_TABLES)]
    return len(queries), len(own)


@pytest.mark.parametrize(
    ("page", "query", "pinned"),
    [
        ("case", "", CASE_LIBRARY_QUERIES),
        (
            "case",
            "scope=all&persecution=domestic-violence&type=sample-brief&page=2",
            CASE_LIBRARY_QUERIES,
        ),
        ("browse", "", BROWSE_QUERIES),
        ("browse", "stage=immigration-court&topic=credibility&cgrs=1", BROWSE_QUERIES),
        ("experts", "", BROWSE_QUERIES),
        ("news", "", BROWSE_QUERIES),
    ],
)
def test_library_pages_cost_the_same_at_10_and_500_resources(
    client_for, users, page, query, pinned
):
    case = CaseFactory(attorney=users["attorney"])
    principal = "expert" if page == "experts" else "attorney"
    urls = {
        "case": reverse("ta_library:case_library", args=[case.number]),
        "browse": reverse("ta_library:browse"),
        "experts": reverse("ta_library:expert_library"),
        "news": reverse("ta_library:news"),
    }
    url = f"{urls[page]}?{query}" if query else urls[page]
    client = client_for(principal)
    _catalogue(10)
    at_ten = _queries(client, url)
    _catalogue(490)
    at_500 = _queries(client, url)
    assert at_ten == at_500
    assert at_ten == (REQUEST_QUERIES + pinned, pinned)


def test_resource_page_costs_a_fixed_number_of_queries(attorney_client):
    _catalogue(10)
    first = Resource.objects.order_by("pk").first()
    url = reverse("ta_library:resource_detail", args=[first.pk])
    at_ten = _queries(attorney_client, url)
    _catalogue(490)
    assert _queries(attorney_client, url) == at_ten
    assert at_ten == (REQUEST_QUERIES + DETAIL_QUERIES, DETAIL_QUERIES)


def test_publishing_many_resources_costs_what_publishing_a_few_does(
    django_capture_on_commit_callbacks,
):
    """The bulk publish action tells search about each resource without a query apiece."""
    from ta_library.services import resources_set_published

    def publish(count: int) -> int:
        drafts = ResourceFactory.create_batch(count, is_published=False)
        ids = [r.pk for r in drafts]
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=False),
        ):
            assert resources_set_published(resource_ids=ids, published=True) == count
        return len(queries)

    assert publish(3) == publish(30)
