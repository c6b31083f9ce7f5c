"""S16: naming an organization is a claim until staff or a verified member confirm it; only
verified members act for it (keep its clinic listing). The takeover found when the site was
attacked from outside is performed here and must fail."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.membership import membership_claims_for
from experts.models import EventKind, Listing, ListingStatus
from experts.services.listing import listing_update
from tests.experts.factories import ListingFactory
from tests.experts.test_services import _details
from tests.factories import AttorneyFactory, ClinicFactory, OrganizationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _switch_organization(client: Client, organization) -> None:
    response = client.post(
        reverse("accounts:contact_details"),
        {
            "full_name": "Mallory",
            "phone": "",
            "preferred_language": "en",
            "organization": organization.pk,
        },
    )
    assert response.status_code == 302


@pytest.fixture
def victim():
    """A clinic with a listed profile and a verified representative."""
    organization = OrganizationFactory(name="Harbor Asylum Clinic")
    representative = ClinicFactory(organization=organization, email="rep@harbor.example")
    listing = ListingFactory(
        clinic=True,
        organization=organization,
        display_name="Harbor Asylum Clinic",
        contact_email="intake@harbor.example",
    )
    return representative, listing


def test_the_listing_takeover_fails(victim, listing_data):
    _representative, listing = victim
    attacker = ClinicFactory(email="mallory@attacker.example")
    client = _signed_in(attacker)
    _switch_organization(client, listing.organization)
    attacker.refresh_from_db()
    assert attacker.organization_id == listing.organization_id
    assert attacker.organization_verified is False
    assert not Listing.objects.managed_by(attacker).exists()

    # The listing page and the edit form do not show the other clinic's listing.
    page = client.get(reverse("experts:my_listing")).content.decode()
    assert "intake@harbor.example" not in page
    assert "waiting to be confirmed" in page
    edit = client.get(reverse("experts:listing_edit"))
    assert edit.status_code == 302
    assert b"intake@harbor.example" not in client.get(edit.url).content

    # Posting an edit changes nothing and creates nothing.
    data = listing_data(
        display_name="Harbor Asylum Clinic",
        expert_types=["mental_health", "medical"],
        countries=[],
        contact_email="mallory@attacker.example",
    )
    client.post(reverse("experts:listing_edit"), data)
    listing.refresh_from_db()
    assert listing.contact_email == "intake@harbor.example"
    assert listing.status == ListingStatus.LISTED
    assert Listing.objects.filter(organization=listing.organization).count() == 1

    # Attorneys still see the clinic's own address.
    attorney = _signed_in(AttorneyFactory())
    shown = attorney.get(reverse("experts:profile", kwargs={"pk": listing.pk})).content.decode()
    assert "intake@harbor.example" in shown
    assert "mallory@attacker.example" not in shown


def test_a_claim_gets_no_emails_meant_for_the_clinic(victim):
    from experts.services.emails import keeper_emails

    _representative, listing = victim
    attacker = ClinicFactory(email="mallory@attacker.example")
    _switch_organization(_signed_in(attacker), listing.organization)
    assert keeper_emails(listing) == ["rep@harbor.example"]


def test_a_verified_member_confirms_a_colleague(victim):
    representative, listing = victim
    colleague = ClinicFactory(email="colleague@harbor.example")
    _switch_organization(_signed_in(colleague), listing.organization)

    rep_client = _signed_in(representative)
    account = rep_client.get(reverse("accounts:my_account")).content.decode()
    assert reverse("accounts:membership_claims") in account
    page = rep_client.get(reverse("accounts:membership_claims")).content.decode()
    assert "colleague@harbor.example" in page
    colleague.refresh_from_db()
    rep_client.post(
        reverse("accounts:membership_claims"), {"member": colleague.pk, "decision": "confirm"}
    )
    colleague.refresh_from_db()
    assert colleague.organization_verified
    assert colleague.organization_verified_by == representative
    # Now the colleague keeps the listing.
    page = _signed_in(colleague).get(reverse("experts:my_listing")).content.decode()
    assert "Harbor Asylum Clinic" in page and "waiting to be confirmed" not in page


def test_a_verified_member_declines_a_claim(victim):
    representative, listing = victim
    attacker = ClinicFactory()
    _switch_organization(_signed_in(attacker), listing.organization)
    _signed_in(representative).post(
        reverse("accounts:membership_claims"), {"member": attacker.pk, "decision": "decline"}
    )
    attacker.refresh_from_db()
    assert attacker.organization_id is None and not attacker.organization_verified


def test_members_of_other_organizations_and_claimants_cannot_confirm(victim):
    _representative, listing = victim
    attacker = ClinicFactory()
    accomplice = ClinicFactory()
    _switch_organization(_signed_in(attacker), listing.organization)
    _switch_organization(_signed_in(accomplice), listing.organization)
    outsider = ClinicFactory()  # verified, but of another organization
    for verifier in (outsider, accomplice):
        assert not membership_claims_for(verifier).filter(pk=attacker.pk).exists()
        response = _signed_in(verifier).post(
            reverse("accounts:membership_claims"), {"member": attacker.pk, "decision": "confirm"}
        )
        assert response.status_code == 404
    attacker.refresh_from_db()
    assert not attacker.organization_verified


def test_staff_confirm_any_claim(victim):
    _representative, listing = victim
    claimant = ClinicFactory()
    _switch_organization(_signed_in(claimant), listing.organization)
    staff = _signed_in(StaffFactory())
    assert str(claimant.email) in staff.get(reverse("accounts:membership_claims")).content.decode()
    staff.post(
        reverse("accounts:membership_claims"), {"member": claimant.pk, "decision": "confirm"}
    )
    claimant.refresh_from_db()
    assert claimant.organization_verified


def test_changing_organization_ends_the_old_memberships_rights(victim):
    representative, listing = victim
    elsewhere = OrganizationFactory()
    ClinicFactory(organization=elsewhere)  # elsewhere already has a member
    client = _signed_in(representative)
    _switch_organization(client, elsewhere)
    representative.refresh_from_db()
    assert not representative.organization_verified
    assert "intake@harbor.example" not in client.get(reverse("experts:my_listing")).content.decode()
    # Coming back is a claim again, not a return of the old rights.
    _switch_organization(client, listing.organization)
    representative.refresh_from_db()
    assert not representative.organization_verified


def test_the_first_member_of_an_empty_organization_is_verified():
    empty = OrganizationFactory()
    newcomer = ClinicFactory()
    _switch_organization(_signed_in(newcomer), empty)
    newcomer.refresh_from_db()
    assert newcomer.organization_id == empty.pk and newcomer.organization_verified


def test_an_organization_with_only_a_listing_is_not_empty():
    listing = ListingFactory(clinic=True)
    claimant = ClinicFactory()
    _switch_organization(_signed_in(claimant), listing.organization)
    claimant.refresh_from_db()
    assert not claimant.organization_verified


def test_saving_details_without_changing_organization_keeps_the_membership(victim):
    representative, listing = victim
    _switch_organization(_signed_in(representative), listing.organization)
    representative.refresh_from_db()
    assert representative.organization_verified


@pytest.mark.parametrize(
    "change",
    [
        {"contact_email": "new-intake@harbor.example"},
        {"phone": "+1 415 555 0199"},
        {"website": "https://harbor.example/new"},
    ],
)
def test_a_contact_change_of_a_listed_profile_is_reviewed_and_the_old_address_told(
    victim, change, django_capture_on_commit_callbacks
):
    representative, listing = victim
    with django_capture_on_commit_callbacks(execute=True):
        event = listing_update(
            listing=listing, editor=representative, details=_details(listing, **change)
        )
    assert event.kind == EventKind.RETURNED_FOR_REVIEW
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED  # out of search until staff approve
    notices = [m for m in mail.outbox if m.to == ["intake@harbor.example"]]
    assert len(notices) == 1
    # The notice names the fields, never the new values.
    for value in change.values():
        assert value not in notices[0].body
    assert "contact details" in notices[0].body


def test_an_edit_that_leaves_contact_details_alone_tells_nobody(
    victim, django_capture_on_commit_callbacks
):
    representative, listing = victim
    with django_capture_on_commit_callbacks(execute=True):
        listing_update(
            listing=listing,
            editor=representative,
            details=_details(listing, fee_details="Free for detained clients."),
        )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.LISTED
    assert mail.outbox == []


def test_the_demo_shows_a_claim_waiting_for_the_clinic(db):
    import devtools.demo.accounts
    from accounts.models import User

    devtools.demo.accounts.load(lambda message: None)
    devtools.demo.accounts.load(lambda message: None)  # idempotent
    clinic = User.objects.get(email="clinic@example.org")
    claimant = User.objects.get(email=devtools.demo.accounts.DEMO_CLAIMANT_EMAIL)
    assert clinic.organization_verified and not claimant.organization_verified
    assert list(membership_claims_for(clinic)) == [claimant]
