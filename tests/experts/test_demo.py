"""The demo data loads, covers every type and vetting state, and loading it twice changes
nothing. The demo attorney's Guatemalan case finds the demo expert through the blue box."""

import pytest
from django.test import Client
from django.urls import reverse

import devtools.demo
from accounts.models import User
from cases.models import Case
from experts.links import expert_search_url
from experts.models import ExpertType, FeeTerms, Listing, ListingEvent, ListingStatus

pytestmark = pytest.mark.django_db


def _load():
    devtools.demo.load("taxonomy", "accounts", "cases", "experts")


def test_demo_listings_load_idempotently_and_cover_the_space():
    _load()
    counts = (Listing.objects.count(), ListingEvent.objects.count(), User.objects.count())
    _load()
    assert (Listing.objects.count(), ListingEvent.objects.count(), User.objects.count()) == counts
    experts_ = Listing.objects.filter(is_clinic=False)
    clinics = Listing.objects.filter(is_clinic=True)
    assert experts_.count() >= 150
    assert clinics.count() >= 15
    for kind in ExpertType.values:
        assert Listing.objects.listed().filter(expert_types__contains=[kind]).exists(), kind
    for status in ListingStatus.values:
        assert Listing.objects.filter(status=status).count() >= 2, status
    for fee in FeeTerms.values:
        assert Listing.objects.filter(fee_terms=fee).exists(), fee
    countries = {code for codes in experts_.values_list("countries", flat=True) for code in codes}
    assert len(countries) >= 24
    # Placeholder owners can never sign in.
    placeholders = User.objects.filter(email__endswith="@example.invalid")
    assert placeholders.count() == 150
    assert not placeholders.filter(is_active=True).exists()
    assert not any(user.has_usable_password() for user in placeholders)


def test_the_demo_attorney_finds_the_demo_expert_from_the_guatemalan_case():
    _load()
    samira = Listing.objects.get(owner__email="expert@example.org")
    assert samira.status == ListingStatus.LISTED and samira.cv
    assert Listing.objects.get(organization__name="Human Rights Evaluation Clinic").is_clinic
    attorney = User.objects.get(email="attorney@example.org")
    case = Case.objects.filter(attorney=attorney, country_of_origin="GT").first()
    assert case is not None
    client = Client()
    client.force_login(attorney)
    response = client.get(expert_search_url(country=case.country_of_origin.code))
    assert b"Dr. Samira Haddad" in response.content
    assert client.get(reverse("experts:profile", args=[samira.pk])).status_code == 200


def test_the_demo_clinic_login_sees_its_listing():
    _load()
    client = Client()
    client.force_login(User.objects.get(email="clinic@example.org"))
    page = client.get(reverse("experts:my_listing")).content.decode()
    assert "Human Rights Evaluation Clinic" in page
