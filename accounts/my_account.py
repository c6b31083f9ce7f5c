"""My Account sections that accounts itself contributes: the pro se registrant's follow-up
status and the staff member's tools."""

from django.utils.translation import gettext_lazy as _

from accounts.dashboard import Section
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


SECTIONS = [
    Section(
        roles=frozenset({Role.PRO_SE}),
        template="accounts/_my_account_pro_se.html",
        context=pro_se_context,
        order=10,
    ),
    Section(
        roles=frozenset({Role.STAFF}),
        template="accounts/_my_account_staff.html",
        context=staff_context,
        order=10,
    ),
]
