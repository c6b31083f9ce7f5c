"""My Account sections that accounts itself contributes: the pro se registrant's follow-up
status and the staff member's tools."""

from django.utils.translation import gettext_lazy as _

from accounts.dashboard import Section
from accounts.membership import acts_for_organization, membership_claims_for, membership_pending
from accounts.models import FollowUpStatus, ProSeFollowUp, Role


def pro_se_context(request) -> dict:
    """One query: the registrant's own follow-up item."""
    # SECURITY: scoped to the signed-in user; never another registrant's item.
    return {
        "title": _("Help from CGRS"),
        "follow_up": ProSeFollowUp.objects.filter(user=request.user).first(),
    }


def staff_context(request) -> dict:
    return {"new_follow_ups": ProSeFollowUp.objects.filter(status=FollowUpStatus.NEW).count()}


def membership_context(request) -> dict:
    """One query at most: how many claims on the clinic wait for a confirmed member (the
    organization's name is read only when the member's own claim is pending)."""
    user = request.user
    return {
        "pending": membership_pending(user),
        "claims": membership_claims_for(user).count() if acts_for_organization(user) else 0,
    }


SECTIONS = [
    Section(
        roles=frozenset({Role.PRO_SE}),
        template="accounts/_my_account_pro_se.html",
        context=pro_se_context,
        order=10,
    ),
    Section(
        # Clinics: membership is what lets them keep their clinic's listing.
        roles=frozenset({Role.CLINIC}),
        template="accounts/_my_account_membership.html",
        context=membership_context,
        order=5,
    ),
    Section(
        roles=frozenset({Role.STAFF}),
        template="accounts/_my_account_staff.html",
        context=staff_context,
        order=10,
    ),
]
