"""Role-by-URL expectations for accounts and the allauth pages (see tests/url_matrix.py)."""

from tests.url_matrix import Route, everyone, expect, only, signed_in

# Pages for people who are not signed in yet: a signed-in visitor is sent on.
entrance = expect(200, 302, 302, 302, 302, 302)
# Reached only in the middle of a flow (a pending login, a fresh TOTP secret): without that
# state every principal is redirected.
mid_flow = dict.fromkeys(("anonymous", "attorney", "pro_se", "expert", "clinic", "staff"), 302)


def _follow_up(world) -> dict:
    from accounts.models import ProSeFollowUp

    follow_up, _ = ProSeFollowUp.objects.get_or_create(user=world.users["pro_se"])
    return {"pk": follow_up.pk}


ROUTES: list[Route] = [
    Route("accounts:my_account", signed_in()),
    # Sets the language cookie (and the account's language) and goes back: 302 for everyone.
    Route("accounts:choose_language", everyone(302), kwargs=lambda w: {"code": "es"}),
    Route("staff_home", only("staff")),
    Route("accounts:contact_details", signed_in()),
    Route("accounts:contact_details", signed_in(), method="post", note="empty form: errors"),
    # Public: the registration form's type-ahead, before anyone has an account.
    Route("accounts:organization_search", everyone(), query="q=bay"),
    Route("accounts:resend_verification", everyone()),
    Route("accounts:membership_claims", only("attorney", "expert", "clinic", "staff")),
    Route(
        "accounts:membership_claims",
        only("attorney", "expert", "clinic", "staff", status=404),
        method="post",
        note="no such claim",
    ),
    # Staff with two-factor already set up are sent to their two-factor page.
    Route("accounts:two_factor_enrolment", only("staff", status=302)),
    Route(
        "accounts:two_factor_confirm",
        only("staff", status=302),
        kwargs=lambda world: {"token": "not-a-token"},
    ),
    Route("staff_totp_gate", mid_flow, note="the same page as mfa_activate_totp"),
    Route("accounts:staff_follow_ups", only("staff")),
    Route("accounts:staff_follow_up_detail", only("staff"), kwargs=_follow_up),
    Route("accounts:staff_follow_up_detail", only("staff"), kwargs=_follow_up, method="post"),
    Route("account_login", entrance),
    # Step one chooses the account type; step two is allauth's signup for that type.
    Route("account_signup", entrance),
    Route("account_signup", entrance, query="account_type=nonsense", note="error on the page"),
    *[
        Route(
            "account_signup_type",
            entrance,
            kwargs=lambda world, t=account_type: {"account_type": t},
        )
        for account_type in ("attorney", "pro_se", "expert", "clinic")
    ],
    Route(
        "account_signup_type",
        entrance,
        kwargs=lambda world: {"account_type": "attorney"},
        method="post",
        note="empty form: errors on the same page",
    ),
    Route("account_logout", signed_in()),
    Route("account_inactive", everyone()),
    Route("account_email_verification_sent", everyone()),
    Route("account_confirm_email", everyone(), kwargs=lambda world: {"key": "not-a-real-key"}),
    Route("account_email", signed_in()),
    Route("account_change_password", signed_in()),
    # Every demo and test user has a password, so "set password" sends them to "change".
    Route("account_set_password", mid_flow),
    Route("account_reauthenticate", signed_in()),
    Route("account_reset_password", everyone()),
    Route("account_reset_password_done", everyone()),
    Route(
        "account_reset_password_from_key",
        everyone(),
        kwargs=lambda world: {"uidb36": "zz", "key": "not-a-real-key"},
        note="a bad key shows the 'link invalid' page",
    ),
    Route("account_reset_password_from_key_done", everyone()),
    Route("account_confirm_login_code", mid_flow),
    Route("mfa_index", signed_in()),
    Route("mfa_authenticate", mid_flow),
    Route("mfa_reauthenticate", expect(302, 302, 302, 302, 302, 200)),
    Route("mfa_activate_totp", mid_flow, note="fresh reauthentication required"),
    Route("mfa_deactivate_totp", expect(302, 404, 404, 404, 404, 302)),
    Route("mfa_generate_recovery_codes", mid_flow),
    Route("mfa_view_recovery_codes", expect(302, 404, 404, 404, 404, 404)),
    Route("mfa_download_recovery_codes", expect(302, 404, 404, 404, 404, 404)),
    Route("usersessions_list", signed_in()),
]
