"""Organization membership: who may act for an organization (S16).

Naming an organization at signup or on the contact-details page is a claim. It becomes a
verified membership at once only when nobody else is there yet (a new organization, or one
with no members and nothing that refers to it, such as a clinic listing); otherwise staff or
a verified member of that organization must confirm it. Only verified members act for the
organization. Changing organization starts over, so the old organization's rights end.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import ForeignKey, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from accounts.permissions import is_cgrs_staff, is_pro_se


class MembershipError(Exception):
    """A confirmation the verifier may not make; the message is for the user."""


def acts_for_organization(user) -> bool:
    """The one rule: whether `user` may act for `user.organization` (keep its listing, get
    its emails, confirm other members)."""
    # SECURITY: an unverified claim grants nothing.
    return bool(
        user.is_authenticated and user.organization_id is not None and user.organization_verified
    )


def organization_has_occupants(organization: Organization, *, besides: User) -> bool:
    """Whether anyone or anything already belongs to `organization`: another member, or any
    row of another app that refers to it (a clinic listing, ...). Walks every relation, so a
    relation added later counts too."""
    if organization.members.exclude(pk=besides.pk).exists():
        return True
    for relation in Organization._meta.related_objects:
        field = relation.field
        if relation.related_model is User or not isinstance(field, ForeignKey):
            continue
        if relation.related_model._base_manager.filter(**{field.name: organization}).exists():
            return True
    return False


def membership_claim(user: User, organization: Organization | None, *, created: bool) -> None:
    """Set `user.organization` and whether that membership is verified (unsaved).

    The caller is inside a transaction; the organization row is locked so two people naming
    an empty organization at once cannot both become its first verified member.
    """
    if organization is not None and organization.pk == user.organization_id:
        return  # the same organization: the membership stays as it was
    user.organization = organization
    user.organization_verified_by = None
    if organization is None:
        user.organization_verified = False
        user.organization_verified_at = None
        return
    if not created:
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
    first = created or not organization_has_occupants(organization, besides=user)
    user.organization_verified = first
    user.organization_verified_at = timezone.now() if first else None


def may_confirm(verifier: User, member: User) -> bool:
    """Staff confirm anyone's claim; a verified member confirms claims on their own
    organization."""
    if member.organization_id is None or member.pk == verifier.pk:
        return False
    if is_cgrs_staff(verifier):
        return True
    return acts_for_organization(verifier) and verifier.organization_id == member.organization_id


def membership_claims_for(verifier: User) -> QuerySet[User]:
    """The unconfirmed claims `verifier` may decide, oldest first."""
    claims = User.objects.filter(
        organization__isnull=False, organization_verified=False, is_active=True
    ).exclude(pk=verifier.pk)
    if is_cgrs_staff(verifier):
        return claims.select_related("organization").order_by("date_joined", "pk")
    if not acts_for_organization(verifier):
        return claims.none()
    # SECURITY: a member sees only claims on their own organization.
    return (
        claims.filter(organization_id=verifier.organization_id)
        .select_related("organization")
        .order_by("date_joined", "pk")
    )


@transaction.atomic
def membership_confirm(*, member: User, verifier: User) -> User:
    locked = User.objects.select_for_update().get(pk=member.pk)
    if not may_confirm(verifier, locked):
        raise MembershipError(_("You cannot confirm this person's membership."))
    locked.organization_verified = True
    locked.organization_verified_by = verifier
    locked.organization_verified_at = timezone.now()
    locked.save(
        update_fields=[
            "organization_verified",
            "organization_verified_by",
            "organization_verified_at",
        ]
    )
    return locked


@transaction.atomic
def membership_decline(*, member: User, verifier: User) -> User:
    """The claim is refused: the person no longer names the organization."""
    locked = User.objects.select_for_update().get(pk=member.pk)
    if locked.organization_verified or not may_confirm(verifier, locked):
        raise MembershipError(_("You cannot decline this person's membership."))
    locked.organization = None
    locked.organization_verified = False
    locked.organization_verified_by = verifier
    locked.organization_verified_at = None
    locked.save(
        update_fields=[
            "organization",
            "organization_verified",
            "organization_verified_by",
            "organization_verified_at",
        ]
    )
    return locked


def membership_pending(user) -> bool:
    return bool(
        user.is_authenticated
        and not is_pro_se(user)
        and user.organization_id is not None
        and not user.organization_verified
    )
