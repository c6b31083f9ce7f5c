"""Every write to accounts: registration profiles, organizations, contact details and the
pro se follow-up queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import ForeignKey, ManyToManyField

from accounts.membership import membership_claim
from accounts.models import (
    ACCOUNT_TYPES,
    FollowUpStatus,
    Organization,
    ProSeFollowUp,
    User,
)
from accounts.permissions import is_pro_se, is_pro_se_account_type


@dataclass(frozen=True)
class NewOrganization:
    name: str
    type: str
    city: str
    state: str


@dataclass(frozen=True)
class Affiliation:
    """Exactly one of: an existing organization, a new one to register, or solo practice."""

    organization: Organization | None = None
    new_organization: NewOrganization | None = None
    solo: bool = False

    def __post_init__(self):
        given = [self.organization is not None, self.new_organization is not None, self.solo]
        if sum(given) != 1:
            raise ValueError("An affiliation is one organization, a new one, or solo practice.")


@dataclass(frozen=True)
class ProSeDetails:
    country_of_origin: str = ""
    has_upcoming_hearing: bool | None = None
    hearing_date: date | None = None


def organization_register(*, new: NewOrganization, created_by: User | None) -> Organization:
    """A registrant's new organization. Unverified until staff confirm it (or merge it into
    an existing one in the admin)."""
    return Organization.objects.create(
        name=new.name.strip(),
        type=new.type,
        city=new.city.strip(),
        state=new.state,
        created_by=created_by,
        verified=False,
    )


def _apply_affiliation(user: User, affiliation: Affiliation) -> None:
    # SECURITY (S16): membership_claim decides whether naming the organization grants
    # anything yet; leaving one ends its rights.
    if affiliation.solo:
        membership_claim(user, None, created=False)
        user.is_solo_practitioner = True
        return
    if affiliation.new_organization is not None:
        organization = organization_register(new=affiliation.new_organization, created_by=user)
        membership_claim(user, organization, created=True)
    else:
        membership_claim(user, affiliation.organization, created=False)
    user.is_solo_practitioner = False


@transaction.atomic
def account_profile_setup(
    *,
    user: User,
    account_type: str,
    full_name: str,
    preferred_language: str,
    phone: str = "",
    affiliation: Affiliation | None = None,
    pro_se: ProSeDetails | None = None,
) -> User:
    """Complete a just-created account with what the registration form asked.

    Everyone but pro se registrants names an affiliation; pro se registrants get a follow-up
    item in the staff queue, and staff are emailed once the registration commits.
    """
    if account_type not in ACCOUNT_TYPES:
        raise ValueError(f"Unknown account type {account_type!r}")
    if is_pro_se_account_type(account_type):
        if affiliation is not None:
            raise ValueError("Pro se registrants have no organization.")
    elif affiliation is None:
        raise ValueError("Attorneys, experts and clinics name an organization or solo practice.")
    user.account_type = account_type
    user.full_name = full_name.strip()
    user.phone = phone
    user.preferred_language = preferred_language
    if affiliation is not None:
        _apply_affiliation(user, affiliation)
    else:
        membership_claim(user, None, created=False)
        user.is_solo_practitioner = False
    user.save()
    if is_pro_se_account_type(account_type):
        pro_se_follow_up_create(user=user, details=pro_se or ProSeDetails())
    return user


def pro_se_follow_up_create(*, user: User, details: ProSeDetails) -> ProSeFollowUp:
    from cgrs.tasks import enqueue

    follow_up = ProSeFollowUp.objects.create(
        user=user,
        country_of_origin=details.country_of_origin,
        has_upcoming_hearing=details.has_upcoming_hearing,
        hearing_date=details.hearing_date if details.has_upcoming_hearing else None,
    )
    # SECURITY: the task gets the id only; the email says only that someone is waiting.
    enqueue("accounts.tasks.notify_staff_of_pro_se_registration", follow_up.pk)
    return follow_up


def pro_se_follow_up_update(
    *, follow_up: ProSeFollowUp, status: str, notes: str, updated_by: User
) -> ProSeFollowUp:
    if status not in FollowUpStatus.values:
        raise ValueError(f"Unknown follow-up status {status!r}")
    follow_up.status = status
    follow_up.notes = notes
    follow_up.updated_by = updated_by
    follow_up.save(update_fields=["status", "notes", "updated_by", "updated_at"])
    return follow_up


def preferred_language_set(*, user: User, language: str) -> None:
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


@transaction.atomic
def contact_details_update(
    *,
    user: User,
    full_name: str,
    phone: str,
    preferred_language: str,
    affiliation: Affiliation | None = None,
) -> User:
    """Anyone's own contact details; the organization only for those who have one."""
    user.full_name = full_name.strip()
    user.phone = phone
    user.preferred_language = preferred_language
    fields = ["full_name", "phone", "preferred_language"]
    if affiliation is not None and not is_pro_se(user):
        _apply_affiliation(user, affiliation)
        fields += [
            "organization",
            "is_solo_practitioner",
            "organization_verified",
            "organization_verified_by",
            "organization_verified_at",
        ]
    user.save(update_fields=fields)
    return user


class OrganizationMergeConflict(Exception):
    """Both sides hold something that may exist only once per organization (for example
    each has a clinic listing); staff must resolve that first."""


def organizations_merge(*, keep: Organization, duplicates: list[Organization]) -> int:
    """Point everything that refers to `duplicates` at `keep`, then delete the duplicates.

    Walks every relation to Organization (including ones other apps add later), so no
    member, listing or other row is left pointing at a deleted organization. Returns the
    number of organizations removed.
    """
    duplicate_ids = [org.pk for org in duplicates if org.pk != keep.pk]
    if not duplicate_ids:
        return 0
    try:
        with transaction.atomic():
            _merge_into(keep, duplicate_ids)
    except IntegrityError as error:
        raise OrganizationMergeConflict(str(error.__cause__ or error)) from error
    return len(duplicate_ids)


def _merge_into(keep: Organization, duplicate_ids: list[int]) -> None:
    # Lock the rows involved so a concurrent registration cannot pick a duplicate meanwhile.
    list(Organization.objects.select_for_update().filter(pk__in=[keep.pk, *duplicate_ids]))
    for relation in Organization._meta.related_objects:
        field = relation.field
        # One-to-ones and unique constraints (one clinic listing per organization) make this
        # fail with IntegrityError when both sides have one: the caller reports a conflict.
        if isinstance(field, ForeignKey):
            relation.related_model._base_manager.filter(
                **{f"{field.name}__in": duplicate_ids}
            ).update(**{field.name: keep})
        elif isinstance(field, ManyToManyField):
            through = field.remote_field.through
            target = field.m2m_reverse_field_name()
            source = field.m2m_field_name()
            existing = set(
                through.objects.filter(**{target: keep}).values_list(f"{source}_id", flat=True)
            )
            through.objects.filter(**{f"{target}__in": duplicate_ids}).exclude(
                **{f"{source}_id__in": existing}
            ).update(**{target: keep})
            through.objects.filter(**{f"{target}__in": duplicate_ids}).delete()
    # Forward many-to-many fields on Organization itself (none today) would go here.
    Organization.objects.filter(pk__in=duplicate_ids).delete()
