"""Sign-in records in the admin: staff read them and may delete one, never type one in, and
never see the credentials inside them."""

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.urls import reverse


def test_a_two_factor_authenticator_shows_no_secret_and_cannot_be_added(users, client_for):
    staff = client_for("staff")
    authenticator = Authenticator.objects.filter(user=users["staff"]).first()
    html = staff.get(
        reverse("admin:mfa_authenticator_change", args=[authenticator.pk])
    ).content.decode()
    assert authenticator.data["secret"] not in html
    assert 'name="data"' not in html and 'name="created_at_0"' not in html
    assert staff.get(reverse("admin:mfa_authenticator_add")).status_code == 403


def test_a_sign_in_session_shows_no_session_key_and_cannot_be_added(users, client_for):
    staff = client_for("staff")
    session = UserSession.objects.create(
        user=users["attorney"], ip="192.0.2.1", session_key="k" * 32, user_agent="Firefox"
    )
    html = staff.get(reverse("admin:usersessions_usersession_change", args=[session.pk])).content
    assert b"k" * 32 not in html
    assert staff.get(reverse("admin:usersessions_usersession_add")).status_code == 403


def test_the_user_form_shows_sign_in_dates_as_records_and_groups_as_checkboxes(users, client_for):
    html = (
        client_for("staff")
        .get(reverse("admin:accounts_user_change", args=[users["attorney"].pk]))
        .content.decode()
    )
    assert 'name="last_login_0"' not in html and 'name="date_joined_0"' not in html
    assert 'class="admin-checkbox-list"' in html and "selectfilter" not in html
