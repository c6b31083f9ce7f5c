"""Who may open what. Every role rule lives here; views declare the roles they serve.

Everything else asks a named predicate below (`is_cgrs_staff(user)`, `can_search_experts(user)`)
and never compares roles or reads `user.role`/`user.is_staff` itself (tests/test_role_rules.py
fails if it does), so who counts as what is decided once.

Object-level access is not decided here: it is the scoped queryset the view fetches through
(e.g. `Case.objects.for_user(user)`), so another person's object is simply not found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from accounts.backends import TWO_FACTOR, VERIFIED_EMAIL
from accounts.models import Role

ALL_ROLES = frozenset(Role.values)


# --- Who someone is ------------------------------------------------------------------------


def role_of(user) -> str | None:
    """The signed-in person's role (a `Role` value); None for anonymous visitors."""
    return user.role if user.is_authenticated else None


def has_role(user, roles: Iterable[str]) -> bool:
    """Whether `user` holds one of the declared `roles` (a view's, a link's, a section's)."""
    return role_of(user) in roles


def is_cgrs_staff(user) -> bool:
    return role_of(user) == Role.STAFF


def is_attorney(user) -> bool:
    return role_of(user) == Role.ATTORNEY


def is_pro_se(user) -> bool:
    return role_of(user) == Role.PRO_SE


def is_expert(user) -> bool:
    """An individual expert witness (not a clinic)."""
    return role_of(user) == Role.EXPERT


def is_clinic(user) -> bool:
    """Someone who represents a clinic or organization offering expert evaluations."""
    return role_of(user) == Role.CLINIC


def keeps_listing(user) -> bool:
    """Experts and clinics keep a listing in the Expert Witness Database and read the
    expert library."""
    return role_of(user) in (Role.EXPERT, Role.CLINIC)


def can_search_experts(user) -> bool:
    """Whether `user` may search the expert database and read profiles: attorneys and staff."""
    # SECURITY: only attorneys reach referrals; experts, clinics and pro se never (S3).
    return role_of(user) in (Role.ATTORNEY, Role.STAFF)


def reads_attorney_library(user) -> bool:
    """Attorneys and staff read the attorney library and TA Program News in full."""
    return role_of(user) in (Role.ATTORNEY, Role.STAFF)


def names_organization(user) -> bool:
    """Attorneys, experts and clinics name an organization (or solo practice); pro se users
    and staff do not."""
    return role_of(user) in (Role.ATTORNEY, Role.EXPERT, Role.CLINIC)


def is_pro_se_account_type(account_type: str) -> bool:
    """For registration, before there is a user: does this account type represent itself?"""
    return account_type == Role.PRO_SE


def has_verified_email(user) -> bool:
    # The request's user comes with the answer (accounts.backends); any other user asks.
    known = getattr(user, VERIFIED_EMAIL, None)
    if known is not None:
        return known
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def staff_has_two_factor(user) -> bool:
    known = getattr(user, TWO_FACTOR, None)
    if known is not None:
        return known
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def check_access(request, roles: Iterable[str], *, verified_email: bool = True):
    """Return a response that refuses the request, or None when it may proceed.

    Anonymous -> sign-in page. Signed in with another role -> 403. Staff without a TOTP
    authenticator -> the two-factor setup page (staff pages and the admin need it).
    Case data additionally requires a verified email address. A refused request for a case
    URL writes a denied audit row (S12).
    """
    try:
        refusal = _refusal(request, roles, verified_email=verified_email)
    except PermissionDenied:
        _audit_refused_case_request(request)
        raise
    if refusal is not None:
        _audit_refused_case_request(request)
    return refusal


def _refusal(request, roles: Iterable[str], *, verified_email: bool):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # SECURITY: the role decides; a URL is never enough.
    if not has_role(user, roles):
        raise PermissionDenied
    if is_cgrs_staff(user) and not staff_has_two_factor(user):
        return redirect("mfa_activate_totp")
    if verified_email and not is_cgrs_staff(user) and not has_verified_email(user):
        return redirect("account_email_verification_sent")
    return None


def _audit_refused_case_request(request) -> None:
    """SECURITY (S12): every request that names a case by number leaves one audit row, also
    when it is refused before the view runs (pro se, expert, clinic, anonymous, unverified)."""
    match = getattr(request, "resolver_match", None)
    number = match.kwargs.get("number") if match is not None else None
    if number is None:
        return
    from audit.models import AuditAction
    from audit.services import audit_record

    audit_record(
        actor=request.user,
        object_type="case",
        object_id=number,
        action=AuditAction.READ if request.method in ("GET", "HEAD") else AuditAction.UPDATE,
        allowed=False,
    )


def role_required(*roles: str, verified_email: bool = True) -> Callable:
    """Decorate a function view so only the given roles may open it."""
    unknown = set(roles) - ALL_ROLES
    if unknown:
        raise ValueError(f"Unknown roles: {unknown}")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refusal = check_access(request, roles, verified_email=verified_email)
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)
        return wrapped

    return decorator


class RoleRequiredMixin:
    """Class-based twin of `role_required`: set `allowed_roles` on the view."""

    allowed_roles: Iterable[str] = ()
    require_verified_email: bool = True

    def dispatch(self, request, *args, **kwargs):
        refusal = check_access(
            request, self.allowed_roles, verified_email=self.require_verified_email
        )
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)


staff_required = role_required(Role.STAFF)
