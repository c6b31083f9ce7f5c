"""A resource page: the resource, its tag links, related resources, what it may frame."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from cases.selectors import visible_case_number
from ta_library.embeds import embed_origin, embed_url
from ta_library.extensions import may_show_sample_page
from ta_library.index import CatalogueIndex, catalogue_index
from ta_library.models import Resource
from ta_library.selectors.access import audience_bitmap, library_url_for, resources_for_user
from ta_library.selectors.cards import CARD_FIELDS

RELATED_COUNT = 4


def related_resources(index: CatalogueIndex, resource: Resource, base) -> list[Resource]:
    """Newest resources of the same type sharing a persecution type or topic (else any tag)."""
    if resource.pk not in index.everything:
        return []
    shared = index.bitmap("type", resource.resource_type_id) & base
    tags = type(shared)()
    for dimension in ("persecution", "topic"):
        for bitmap in index.bitmaps[dimension].values():
            if resource.pk in bitmap:
                tags |= bitmap
    candidates = (shared & tags) if tags else shared
    candidates = candidates - type(candidates)([resource.pk])
    ids = index.in_order(candidates, 0, RELATED_COUNT)
    rows = {r.pk: r for r in Resource.objects.filter(pk__in=ids).only(*CARD_FIELDS)}
    return [rows[i] for i in ids if i in rows]


@dataclass
class ResourcePage:
    """What a resource page shows, and which origins it may frame (its CSP)."""

    resource: Resource
    video_embed_url: str | None
    related: list[Resource]
    tags: list[tuple[str, str]]  # (filtered library URL, term name)
    library_url: str
    from_case: int | None
    case_library_url: str
    frame_sources: list[str]


def resource_page(user, pk: int, *, case_param: str | None) -> ResourcePage:
    """The resource `user` may open (else 404), its tags as links into the filtered
    library, related resources, and the way back to the case's library when opened from
    one (`case_param`, the ?case= of its cards). Staff also see unpublished ones."""
    # SECURITY: the scoped fetch decides (audience and publication by role): else 404.
    resource = get_object_or_404(
        resources_for_user(user)
        .select_related("resource_type", "redaction__document")
        .prefetch_related("persecution_types", "protection_types", "procedural_stages", "topics"),
        pk=pk,
    )
    sample = getattr(resource, "redaction", None)
    # SECURITY: a redacted sample's page shows only while redaction's rules allow it (S4);
    # with no rule registered, never.
    if sample is not None and not may_show_sample_page(sample):
        raise Http404
    index = catalogue_index()
    video = embed_url(resource.video_url) if resource.video_url else None
    related = related_resources(index, resource, audience_bitmap(index, user))
    library_url = library_url_for(user)
    # Opened from a case's library (its cards link with ?case=): lead back there.
    from_case = visible_case_number(user, case_param)
    tags = []
    for param, terms in (
        ("type", [resource.resource_type]),
        ("persecution", resource.persecution_types.all()),
        ("protection", resource.protection_types.all()),
        ("stage", resource.procedural_stages.all()),
        ("topic", resource.topics.all()),
    ):
        tags.extend((f"{library_url}?{param}={t.slug}", str(t)) for t in terms)
    if resource.resource_type.country_specific:
        names = {v.key: v.label for v in index.facet_values("country")}
        tags.extend(
            (f"{library_url}?country={code.lower()}", names.get(code, code))
            for code in resource.countries
        )
    # SECURITY: the page frames only what it shows: our own file URL for a PDF, the
    # privacy-enhanced player of its video (S10).
    frames = []
    if resource.is_pdf:
        frames.append("'self'")
    if video:
        frames.append(embed_origin(resource.video_url))
    return ResourcePage(
        resource=resource,
        video_embed_url=video,
        related=related,
        tags=tags,
        library_url=library_url,
        from_case=from_case,
        case_library_url=(
            reverse("ta_library:case_library", args=[from_case]) if from_case else ""
        ),
        frame_sources=frames,
    )
