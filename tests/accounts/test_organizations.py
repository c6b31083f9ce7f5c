"""The organization type-ahead and merging duplicates."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Organization, User
from accounts.selectors import ORGANIZATION_MATCHES, organizations_matching
from accounts.services import organizations_merge
from tests.factories import AttorneyFactory, ExpertFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _names(text):
    return [org.name for org in organizations_matching(text)]


def test_whole_name_prefix_comes_before_a_word_inside_the_name():
    OrganizationFactory(name="Bay Area Asylum Project")
    OrganizationFactory(name="Asylum Access")
    OrganizationFactory(name="Rio Grande Legal Defense")
    assert _names("asylum") == ["Asylum Access", "Bay Area Asylum Project"]
    assert _names("ASY") == ["Asylum Access", "Bay Area Asylum Project"]
    assert _names("bay area") == ["Bay Area Asylum Project"]
    assert _names("area asyl") == ["Bay Area Asylum Project"]
    assert _names("legal") == ["Rio Grande Legal Defense"]
    assert _names("zzz") == []


def test_one_or_two_letters_match_the_start_of_the_name_only():
    OrganizationFactory(name="Bay Area Asylum Project")
    OrganizationFactory(name="Asylum Access")
    assert _names("a") == ["Asylum Access"]


def test_at_most_twenty_matches():
    OrganizationFactory.create_batch(25, name=factory_name())
    assert len(organizations_matching("immigrant")) == ORGANIZATION_MATCHES


def factory_name():
    import factory

    return factory.Sequence(lambda n: f"Immigrant Rights Center {n:03d}")


@pytest.mark.parametrize(
    "text",
    [
        "a & b",
        "!:*",
        "'; DROP TABLE x; --",
        "(",
        "\\",
        "%",
        "_",
        "a" * 5000,
        "  ",
        "ü",
        "\x00",
        "a\x00b",
    ],
)
def test_hostile_or_odd_text_is_safe(client, text):
    OrganizationFactory(name="Bay Area Asylum Project")
    response = client.get(reverse("accounts:organization_search"), {"q": text})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_like_wildcards_are_literal():
    OrganizationFactory(name="Bay Area Asylum Project")
    assert _names("%") == []
    assert _names("_ay") == []


def test_endpoint_returns_ids_and_labels(client):
    organization = OrganizationFactory(name="Bay Area Asylum Project", city="Oakland", state="CA")
    response = client.get(reverse("accounts:organization_search"), {"q": "bay"})
    assert response.json() == {
        "results": [{"id": organization.pk, "label": "Bay Area Asylum Project (Oakland, CA)"}]
    }
    assert response["Cache-Control"] == "no-store"


def test_endpoint_costs_at_most_two_queries_however_many_organizations(client):
    OrganizationFactory.create_batch(60, name=factory_name())
    url = reverse("accounts:organization_search")
    with CaptureQueriesContext(connection) as queries:
        assert len(client.get(url, {"q": "immigrant rights"}).json()["results"]) == 20
    assert len(queries) <= 2


def test_merging_moves_members_and_deletes_the_duplicates():
    keep = OrganizationFactory(name="Bay Area Asylum Project", verified=True)
    duplicate = OrganizationFactory(name="Bay Area Asylum Proj.", verified=False)
    other = OrganizationFactory(name="Unrelated")
    attorney = AttorneyFactory(organization=duplicate)
    expert = ExpertFactory(organization=duplicate)
    bystander = AttorneyFactory(organization=other)
    assert organizations_merge(keep=keep, duplicates=[duplicate, keep]) == 1
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert set(User.objects.filter(organization=keep)) == {attorney, expert}
    bystander.refresh_from_db()
    assert bystander.organization == other


def test_admin_merge_action_asks_which_to_keep_then_merges(client_for):
    keep = OrganizationFactory(name="Bay Area Asylum Project", verified=True)
    duplicate = OrganizationFactory(name="Bay Area Asylum Proj.", verified=False)
    member = AttorneyFactory(organization=duplicate)
    client = client_for("staff")
    url = reverse("admin:accounts_organization_changelist")
    selected = {
        "action": "merge_organizations",
        admin.helpers.ACTION_CHECKBOX_NAME: [keep.pk, duplicate.pk],
    }
    page = client.post(url, selected)
    assert page.status_code == 200
    assert "Choose the organization to keep" in page.content.decode()
    assert Organization.objects.filter(pk=duplicate.pk).exists()
    response = client.post(url, {**selected, "confirm": "yes", "keep": keep.pk})
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    member.refresh_from_db()
    assert member.organization == keep


def test_merging_moves_a_clinic_listing_and_refuses_two(client_for):
    from experts.models import Listing
    from tests.experts.factories import ListingFactory

    keep = OrganizationFactory(name="Human Rights Evaluation Clinic")
    duplicate = OrganizationFactory(name="Human Rights Evaluation Clinic NYC")
    listing = ListingFactory(clinic=True, organization=duplicate)
    organizations_merge(keep=keep, duplicates=[duplicate])
    assert Listing.objects.get(pk=listing.pk).organization == keep

    # Two clinic listings cannot become one organization's: nothing changes, staff are told.
    second = OrganizationFactory(name="HREC (duplicate)")
    ListingFactory(clinic=True, organization=second)
    member = AttorneyFactory(organization=second)
    response = client_for("staff").post(
        reverse("admin:accounts_organization_changelist"),
        {
            "action": "merge_organizations",
            admin.helpers.ACTION_CHECKBOX_NAME: [keep.pk, second.pk],
            "confirm": "yes",
            "keep": keep.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Nothing was merged" in response.content.decode()
    assert Organization.objects.filter(pk=second.pk).exists()
    member.refresh_from_db()
    assert member.organization == second
