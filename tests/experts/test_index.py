"""The expert search's per-process bitmaps are rebuilt after every write that changes what the
search shows, and only after one that commits: the listings' version is one row that each
write sets in its own transaction (experts.services.listings_version), not a count or a
latest change read from the listings."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.db.models import Count, Max
from django.urls import reverse

from experts.index import current_version
from experts.models import Availability, ExpertType, Listing, ListingStatus
from experts.services.availability import availability_confirm, availability_lapse_stale
from experts.services.listing import listing_create, listing_submit, listing_update
from experts.services.review import ReviewDecision, listing_review
from taxonomy.models import PersecutionType
from tests.experts.factories import ListingFactory
from tests.experts.test_search import _count, _names
from tests.experts.test_services import CHECKED, _details
from tests.factories import ExpertFactory, StaffFactory

pytestmark = pytest.mark.django_db

PRO_BONO_IN_GUATEMALA = "?type=country_conditions&country=GT&fee=pro_bono"


def _search(client, query=PRO_BONO_IN_GUATEMALA) -> list[str]:
    return _names(client.get(reverse("experts:search") + query))


def _listed_aggregate():
    """What the search used to key its bitmaps on: it cannot see every change."""
    return Listing.objects.listed().aggregate(n=Count("id"), last=Max("id"), at=Max("updated_at"))


def test_an_edit_that_moves_neither_the_count_nor_the_latest_change_still_shows(client_for):
    """An edit whose transaction took its time before it committed (its `updated_at` is
    older than another listing's): the count, highest id and latest change stay as they
    were, and the search must still show it."""
    client = client_for("attorney")
    ana = ListingFactory(display_name="Ana", countries=["GT"], fee_terms="fee")
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1), tick=False):
        ListingFactory(display_name="Bea", countries=["GT"], fee_terms="pro_bono")
    assert _search(client) == ["Bea"]
    before = _listed_aggregate()

    listing_update(listing=ana, editor=ana.owner, details=_details(ana, fee_terms="pro_bono"))

    assert _listed_aggregate() == before
    assert _search(client) == ["Ana", "Bea"]


def test_a_rolled_back_write_leaves_the_version_and_the_search_as_they_were(client_for):
    client = client_for("attorney")
    ana = ListingFactory(display_name="Ana", countries=["GT"], fee_terms="fee")
    assert _search(client) == []
    version = current_version()

    with pytest.raises(RuntimeError), transaction.atomic():
        listing_update(listing=ana, editor=ana.owner, details=_details(ana, fee_terms="pro_bono"))
        # Read inside the transaction, the edit shows (and the bitmaps are built from it)...
        assert _search(client) == ["Ana"]
        raise RuntimeError("the rest of the write failed")

    # ...and once it rolled back, neither the version nor the search keeps it.
    assert current_version() == version
    assert _search(client) == []


def test_an_edit_that_changes_nothing_does_not_rebuild_the_bitmaps():
    ana = ListingFactory(display_name="Ana")
    version = current_version()
    assert listing_update(listing=ana, editor=ana.owner, details=_details(ana)) is None
    assert current_version() == version


def _create(listing, staff):
    listing_create(
        keeper=ExpertFactory(),
        details=_details(listing, contact_email="new-keeper@example.net"),
    )


def _edit(listing, staff):
    listing_update(listing=listing, editor=listing.owner, details=_details(listing, phone="1"))


def _withdraw_for_review(listing, staff):
    listing_update(
        listing=listing, editor=listing.owner, details=_details(listing, display_name="Renamed")
    )


def _submit(listing, staff):
    Listing.objects.filter(pk=listing.pk).update(status=ListingStatus.DRAFT)
    listing_submit(listing=listing, actor=listing.owner)


def _approve(listing, staff):
    Listing.objects.filter(pk=listing.pk).update(status=ListingStatus.SUBMITTED)
    listing_review(
        listing=listing,
        reviewer=staff,
        decision=ReviewDecision.APPROVE,
        notes="",
        checklist=CHECKED,
    )


def _confirm_availability(listing, staff):
    availability_confirm(listing=listing, actor=listing.owner)


def _lapse(listing, staff):
    Listing.objects.filter(pk=listing.pk).update(
        availability_confirmed_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=91)
    )
    assert availability_lapse_stale() == 1


def _delete_with_its_keeper(listing, staff):
    listing.owner.delete()


@pytest.mark.parametrize(
    "write",
    [
        _create,
        _edit,
        _withdraw_for_review,
        _submit,
        _approve,
        _confirm_availability,
        _lapse,
        _delete_with_its_keeper,
    ],
)
def test_every_listing_write_bumps_the_version(write):
    listing = ListingFactory(availability=Availability.ACCEPTING, with_cv=True)
    version = current_version()
    write(listing, StaffFactory())
    assert current_version() != version


def _admin_form(listing, **changes) -> dict:
    data = {
        "is_clinic": "",
        "owner": listing.owner_id,
        "organization": "",
        "display_name": listing.display_name,
        "credentials": listing.credentials,
        "affiliation": listing.affiliation,
        "expert_types": ",".join(listing.expert_types),
        "countries": ",".join(listing.countries),
        "topics": [t.pk for t in listing.topics.all()],
        "other_topics": "",
        "languages": ",".join(listing.languages),
        "works_remotely": "on",
        "in_person_states": "",
        "fee_terms": listing.fee_terms,
        "fee_details": "",
        "contact_email": listing.contact_email,
        "phone": "",
        "website": "",
        "publications": "",
        "testimony_count": "0",
        "testimony_courts": "",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "0",
    }
    data.update(changes)
    return data


def test_an_admin_edit_of_a_listing_and_its_topics_shows_in_the_search(
    client_for, staff_client, taxonomy_terms
):
    client = client_for("attorney")
    ana = ListingFactory(display_name="Ana", countries=["GT"], fee_terms="fee")
    gangs = taxonomy_terms["gang-violence"]
    query = "?type=country_conditions&topic=gang-violence"
    assert _search(client, query) == []
    response = staff_client.post(
        reverse("admin:experts_listing_change", args=[ana.pk]),
        _admin_form(ana, topics=[gangs.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _search(client, query) == ["Ana"]


@pytest.mark.parametrize("how", ["delete view", "bulk delete action"])
def test_an_admin_deletion_leaves_the_search_and_its_counts(client_for, staff_client, how):
    client = client_for("attorney")
    ana = ListingFactory(display_name="Ana", countries=["GT"], fee_terms="pro_bono")
    url = reverse("experts:search") + PRO_BONO_IN_GUATEMALA
    assert _count(client.get(url), "type", "country_conditions") == 1
    if how == "delete view":
        response = staff_client.post(
            reverse("admin:experts_listing_delete", args=[ana.pk]), {"post": "yes"}
        )
    else:
        response = staff_client.post(
            reverse("admin:experts_listing_changelist"),
            {"action": "delete_selected", "_selected_action": [ana.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Listing.objects.filter(pk=ana.pk).exists()
    # The page's rows are read afresh; the counts come from the bitmaps.
    assert _count(client.get(url), "type", "country_conditions") == 0


def test_deleting_a_topic_term_in_the_admin_bumps_the_version(staff_client, taxonomy_terms):
    dv = taxonomy_terms["domestic-violence"]
    ListingFactory(expert_types=[ExpertType.COUNTRY_CONDITIONS], topics=[dv])
    version = current_version()
    response = staff_client.post(
        reverse("admin:taxonomy_persecutiontype_delete", args=[dv.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not PersecutionType.objects.filter(pk=dv.pk).exists()
    assert current_version() != version
