"""Who may open which resource, and which library their links lead to."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from accounts.permissions import is_attorney, is_cgrs_staff, keeps_listing
from ta_library.index import CatalogueIndex
from ta_library.models import ATTORNEY_AUDIENCES, EXPERT_AUDIENCES, Resource


def resources_for_user(user) -> QuerySet[Resource]:
    """Resources `user` may open: staff everything (unpublished too, as a preview);
    attorneys published attorney material; experts and clinics published expert material."""
    if is_cgrs_staff(user):
        return Resource.objects.all()
    # SECURITY: audience and publication are part of the fetch (S3): an expert asking for an
    # attorney resource, or anyone for an unpublished one, gets a 404.
    if is_attorney(user):
        return Resource.objects.published().for_audience(ATTORNEY_AUDIENCES)
    if keeps_listing(user):
        return Resource.objects.published().for_audience(EXPERT_AUDIENCES)
    return Resource.objects.none()


def audience_bitmap(index: CatalogueIndex, user):
    return index.expert_audience if keeps_listing(user) else (index.attorney_audience)


def library_url_for(user) -> str:
    """The library a person's tag links filter: experts' and clinics' own, else the TA
    Library."""
    if keeps_listing(user):
        return reverse("ta_library:expert_library")
    return reverse("ta_library:browse")
