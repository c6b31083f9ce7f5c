"""Demo organizations and one fixed login per role. Never under production settings."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import Organization, OrganizationType, ProSeFollowUp, Role, User

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 (demo logins only)
# Fixed TOTP secret for the demo staff user, printed by `make run`.
DEMO_STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

ORGANIZATIONS = [
    ("Bay Area Asylum Project", OrganizationType.NONPROFIT, "San Francisco", "CA"),
    ("Rio Grande Legal Defense", OrganizationType.NONPROFIT, "El Paso", "TX"),
    (
        "Hastings Refugee & Human Rights Clinic",
        OrganizationType.LAW_SCHOOL_CLINIC,
        "San Francisco",
        "CA",
    ),
    ("Northeast Immigrant Justice Center", OrganizationType.NONPROFIT, "Boston", "MA"),
    ("Morales & Whitfield LLP", OrganizationType.LAW_FIRM, "Chicago", "IL"),
    ("Human Rights Evaluation Clinic", OrganizationType.MEDICAL_CLINIC, "New York", "NY"),
    ("Institute for Latin American Studies", OrganizationType.UNIVERSITY, "Austin", "TX"),
]

# (email, full name, account type, organization name or None, staff)
DEMO_USERS = [
    ("attorney@example.org", "Alex Rivera", Role.ATTORNEY, "Bay Area Asylum Project", False),
    (
        "attorney2@example.org",
        "Jordan Kim",
        Role.ATTORNEY,
        "Rio Grande Legal Defense",
        False,
    ),
    ("prose@example.org", "María López", Role.PRO_SE, None, False),
    (
        "expert@example.org",
        "Dr. Samira Haddad",
        Role.EXPERT,
        "Institute for Latin American Studies",
        False,
    ),
    (
        "clinic@example.org",
        "Clinic Coordinator",
        Role.CLINIC,
        "Human Rights Evaluation Clinic",
        False,
    ),
    ("staff@example.org", "CGRS Staff Attorney", "", None, True),
    # A second staff member: publishing a redacted sample needs a reviewer who is not the
    # redactor (redaction.rules.may_review).
    ("reviewer@example.org", "CGRS Staff Reviewer", "", None, True),
]


DEMO_CLAIMANT_EMAIL = "clinic-newcomer@example.org"


def ensure_demo_user(email, full_name, account_type, organization, *, staff=False) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "account_type": account_type,
            "organization": organization,
            # The demo's people are their organizations' confirmed members (S16).
            "organization_verified": organization is not None,
            "is_staff": staff,
            "is_superuser": staff,
            "preferred_language": "es" if account_type == Role.PRO_SE else "en",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_staff_two_factor(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_STAFF_TOTP_SECRET)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


def load(log) -> None:
    orgs = {}
    for name, kind, city, state in ORGANIZATIONS:
        orgs[name], _ = Organization.objects.get_or_create(
            name=name, defaults={"type": kind, "city": city, "state": state, "verified": True}
        )
    for email, full_name, account_type, org_name, staff in DEMO_USERS:
        user = ensure_demo_user(
            email, full_name, account_type, orgs.get(org_name) if org_name else None, staff=staff
        )
        if staff:
            ensure_staff_two_factor(user)
        if account_type == Role.PRO_SE:
            # Created directly (not through the service): demo data sends no staff email.
            ProSeFollowUp.objects.get_or_create(
                user=user, defaults={"country_of_origin": "GT", "has_upcoming_hearing": False}
            )
    # A membership claim waiting for confirmation: clinic@example.org (a confirmed member) sees
    # it on My Account and confirms or declines it at /account/organization/members/.
    claimant = ensure_demo_user(
        DEMO_CLAIMANT_EMAIL,
        "Sam Newcomer",
        Role.CLINIC,
        orgs["Human Rights Evaluation Clinic"],
    )
    if claimant.organization_verified and claimant.organization_verified_by_id is None:
        User.objects.filter(pk=claimant.pk).update(organization_verified=False)
    log(f"accounts: {Organization.objects.count()} organizations, {len(DEMO_USERS)} demo logins")
