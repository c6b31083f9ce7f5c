"""My Account for every role, and the contact details everyone can update."""

import pytest
from django.urls import reverse

from accounts.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["attorney", "pro_se", "expert", "clinic", "staff"])
def test_my_account_links_to_settings_for_everyone(client_for, role):
    page = client_for(role).get(reverse("accounts:my_account")).content.decode()
    for name in [
        "accounts:contact_details",
        "account_change_password",
        "mfa_index",
        "usersessions_list",
    ]:
        assert f'href="{reverse(name)}"' in page, name


def test_staff_my_account_links_to_the_queue(client_for):
    page = client_for("staff").get(reverse("accounts:my_account")).content.decode()
    assert reverse("accounts:staff_follow_ups") in page


def test_attorney_updates_details_and_registers_a_new_organization(client_for, users):
    client = client_for("attorney")
    response = client.post(
        reverse("accounts:contact_details"),
        {
            "full_name": "New Name",
            "phone": "415.555.0199 ext 12",
            "preferred_language": "es",
            "organization": "other",
            "new_organization_name": "Fresh Org",
            "new_organization_type": "nonprofit",
            "new_organization_city": "Fresno",
            "new_organization_state": "CA",
        },
    )
    assert response.status_code == 302
    user = users["attorney"]
    user.refresh_from_db()
    assert (user.full_name, user.phone, user.preferred_language) == (
        "New Name",
        "415.555.0199 ext 12",
        "es",
    )
    assert user.organization == Organization.objects.get(name="Fresh Org", verified=False)


def test_attorney_switches_to_solo(client_for, users):
    client_for("attorney").post(
        reverse("accounts:contact_details"),
        {"full_name": "X", "phone": "", "preferred_language": "en", "organization": "solo"},
    )
    users["attorney"].refresh_from_db()
    assert users["attorney"].is_solo_practitioner
    assert users["attorney"].organization is None


def test_pro_se_details_ask_no_organization(client_for, users):
    client = client_for("pro_se")
    page = client.get(reverse("accounts:contact_details")).content.decode()
    assert 'name="organization"' not in page
    org = OrganizationFactory()
    response = client.post(
        reverse("accounts:contact_details"),
        {"full_name": "Ana", "phone": "", "preferred_language": "es", "organization": org.pk},
    )
    assert response.status_code == 302
    users["pro_se"].refresh_from_db()
    assert users["pro_se"].organization is None


def test_bad_phone_keeps_everything(client_for, users):
    organization = users["attorney"].organization
    response = client_for("attorney").post(
        reverse("accounts:contact_details"),
        {
            "full_name": "Kept Name",
            "phone": "not a phone",
            "preferred_language": "en",
            "organization": organization.pk,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a phone number with 7 to 15 digits" in page
    assert 'value="Kept Name"' in page
    assert f'<option value="{organization.pk}" selected>' in page
