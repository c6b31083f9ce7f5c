"""The keeper's listing on My Account: its status, staff's notes and where to edit it."""

from django.utils.translation import gettext_lazy as _

from accounts.dashboard import Section
from accounts.membership import membership_pending
from accounts.models import Role
from accounts.permissions import is_clinic, is_expert
from experts.models import Listing


def context(request) -> dict:
    """One query: the keeper's listing (its topics are not shown here)."""
    listing = Listing.objects.managed_by(request.user).first()
    return {
        "title": _("My listing in the Expert Witness Database")
        if is_expert(request.user)
        else _("Our clinic's listing in the Expert Witness Database"),
        "listing": listing,
        "no_clinic": is_clinic(request.user) and not request.user.organization_id,
        "membership_pending": is_clinic(request.user) and membership_pending(request.user),
    }


SECTIONS = [
    Section(
        roles=frozenset({Role.EXPERT, Role.CLINIC}),
        template="experts/_my_account.html",
        context=context,
        order=10,
    )
]
