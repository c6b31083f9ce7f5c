"""Every write of the TA Library: resources, their tags, publication, visits.

Each resource write bumps the catalogue version (so every process rebuilds its bitmaps on
its next request) and, when the file, title or summary changed, tells the search app, inside
the same transaction (through ta_library.extensions, which search registers with).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.files.base import File
from django.db import connection, transaction
from django.utils import timezone

from cgrs.tasks import enqueue_each
from cgrs.versioned_cache import stamp_bump
from ta_library.extensions import resources_content_changed, resources_deleted
from ta_library.files import EXTENSION_FOR, validate_library_file
from ta_library.models import Audience, CatalogueVersion, LibraryVisit, Resource
from ta_library.visits import VISIT_GAP, VISIT_REFRESH
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic

TAG_FIELDS = ("persecution_types", "protection_types", "procedural_stages", "topics")
CONTENT_FIELDS = ("title", "summary", "file")


def catalogue_changed() -> None:
    """Bump the catalogue version, in the caller's transaction (cgrs.versioned_cache)."""
    stamp_bump(CatalogueVersion)


def _content_changed(*resource_ids: int) -> None:
    # The one place the library tells search that resources' text may have changed (or
    # that they were published: their words join the vocabulary).
    resources_content_changed(resource_ids=resource_ids)


def _visible_changed(resource_ids: Iterable[int]) -> None:
    """Resources that were published, retagged or made relevant to every case: after
    commit, record which open cases they now match, for alerts (ta_library.case_match;
    a pair already recorded is not recorded again, so nothing alerts twice)."""
    enqueue_each("ta_library.tasks.match_resource", sorted(set(resource_ids)))


def _apply_publication(resource: Resource) -> None:
    if resource.is_published and resource.first_published_at is None:
        resource.first_published_at = timezone.now()


@transaction.atomic
def resource_create(
    *,
    title: str,
    summary: str,
    resource_type: ResourceType,
    published_on: datetime.date,
    authored_by_cgrs: bool = True,
    author_name: str = "",
    file: File | None = None,
    external_url: str = "",
    video_url: str = "",
    countries: Iterable[str] = (),
    persecution_types: Iterable[PersecutionType] = (),
    protection_types: Iterable[ProtectionType] = (),
    procedural_stages: Iterable[ProceduralStage] = (),
    topics: Iterable[Topic] = (),
    relevant_to_every_case: bool = False,
    audience: str = Audience.ATTORNEYS,
    is_published: bool = False,
) -> Resource:
    """Create a resource with its tags. `file` (a PDF or DOCX, judged by its content) goes
    to private storage. Raises ValidationError, with the reason, for anything invalid."""
    resource = Resource(
        title=title,
        summary=summary,
        resource_type=resource_type,
        published_on=published_on,
        authored_by_cgrs=authored_by_cgrs,
        author_name="" if authored_by_cgrs else author_name,
        external_url=external_url,
        video_url=video_url,
        countries=sorted({c.upper() for c in countries}),
        relevant_to_every_case=relevant_to_every_case,
        audience=audience,
        is_published=is_published,
    )
    if file is not None:
        # SECURITY: the same content check as the admin's upload (type sniffed, active
        # content refused: files.validate_library_file). Stored when the resource is saved,
        # after the checks, under files.stored_file_name's random name, never the uploader's
        # (S7); the name given here only carries the extension of the sniffed type.
        content_type = validate_library_file(file)
        resource.file = File(file, name="upload" + EXTENSION_FOR[content_type])
    # SECURITY/validity: Resource.clean() refuses a resource without content, without an
    # author when not CGRS, with countries on a type matched by claim, or with a video from
    # a host the page cannot embed.
    resource.full_clean()
    _apply_publication(resource)
    resource.save()
    resource.persecution_types.set(persecution_types)
    resource.protection_types.set(protection_types)
    resource.procedural_stages.set(procedural_stages)
    resource.topics.set(topics)
    _content_changed(resource.pk)
    if resource.is_published:
        _visible_changed([resource.pk])
    catalogue_changed()
    return resource


@transaction.atomic
def resource_saved(*, resource: Resource, changed_fields: Iterable[str], created: bool) -> None:
    """After the admin saved a resource and its tags: stamp publication, bump the catalogue,
    and tell search when its file, title or summary changed or it was just published (so
    its words join the vocabulary)."""
    if resource.is_published and resource.first_published_at is None:
        Resource.objects.filter(pk=resource.pk, first_published_at=None).update(
            first_published_at=timezone.now()
        )
    published_now = "is_published" in changed_fields and resource.is_published
    if created or published_now or set(changed_fields) & set(CONTENT_FIELDS):
        _content_changed(resource.pk)
    if resource.is_published:
        # Published now, or retagged while published: its cases may have changed.
        _visible_changed([resource.pk])
    catalogue_changed()


@transaction.atomic
def resources_set_published(*, resource_ids: Iterable[int], published: bool) -> int:
    """Publish or unpublish resources; returns how many changed."""
    ids = list(resource_ids)
    changed = Resource.objects.filter(pk__in=ids).exclude(is_published=published)
    changed_ids = list(changed.values_list("pk", flat=True))
    count = Resource.objects.filter(pk__in=changed_ids).update(is_published=published)
    if published:
        Resource.objects.filter(pk__in=ids, first_published_at=None).update(
            first_published_at=timezone.now()
        )
        # Search learns the words of what is published now (spelling, completions).
        _content_changed(*changed_ids)
        _visible_changed(changed_ids)
    catalogue_changed()
    return count


@transaction.atomic
def resources_add_tags(*, resource_ids: Iterable[int], field: str, terms: Iterable) -> int:
    """Add `terms` to `field` (one of TAG_FIELDS) on every resource (bulk tagging)."""
    if field not in TAG_FIELDS:
        raise ValueError(f"not a tag field: {field}")
    ids = list(resource_ids)
    through = getattr(Resource, field).through
    column = f"{getattr(Resource, field).field.related_model._meta.model_name}_id"
    existing = set(through.objects.filter(resource_id__in=ids).values_list("resource_id", column))
    rows = [
        through(resource_id=rid, **{column: term.pk})
        for rid in ids
        for term in terms
        if (rid, term.pk) not in existing
    ]
    through.objects.bulk_create(rows)
    _visible_changed(
        Resource.objects.filter(pk__in=ids, is_published=True).values_list("pk", flat=True)
    )
    catalogue_changed()
    return len(rows)


@transaction.atomic
def resources_set_general(*, resource_ids: Iterable[int], general: bool) -> int:
    ids = list(resource_ids)
    count = Resource.objects.filter(pk__in=ids).update(relevant_to_every_case=general)
    if general:
        _visible_changed(
            Resource.objects.filter(pk__in=ids, is_published=True).values_list("pk", flat=True)
        )
    catalogue_changed()
    return count


@transaction.atomic
def resource_delete(*, resource: Resource) -> None:
    resources_delete(resources=[resource])


@transaction.atomic
def resources_delete(*, resources: Iterable[Resource]) -> int:
    """Delete resources (the admin's delete and its bulk delete action): one catalogue
    version bump and one search index version bump for all of them, so neither the bitmaps
    nor cached search results keep a deleted id. Returns how many were deleted."""
    ids = [resource.pk for resource in resources]
    _total, by_model = Resource.objects.filter(pk__in=ids).delete()  # tags and index cascade
    count = by_model.get(Resource._meta.label, 0)
    catalogue_changed()
    resources_deleted()
    return count


def visit_record(*, user, case, last_visit: tuple) -> datetime.datetime | None:
    """Note that `user` opened `case`'s library now; return the end of their previous
    sitting (None on a first visit), for the "new since your last visit" marker.

    `last_visit`: (previous_seen_at, last_seen_at) of their visit row, read with the case
    (both None when there is none; see selectors.case_library.case_library_fetch).

    A GET-time write, justified like the audit row each case read writes: bookkeeping about
    the reader, not state the page shows or anyone else sees, and idempotent within a
    sitting. Within VISIT_REFRESH of the last write it is nothing at all (filter changes and
    paging cost no commit); otherwise one upsert that returns the earlier value.
    """
    table = LibraryVisit._meta.db_table
    now = timezone.now()
    row = last_visit if last_visit[1] is not None else None
    with connection.cursor() as cursor:
        if row is not None and now - row[1] < VISIT_REFRESH:
            return row[0]
        cursor.execute(
            f"""
            INSERT INTO {table} AS v (user_id, case_id, last_seen_at, previous_seen_at)
            VALUES (%s, %s, %s, NULL)
            ON CONFLICT (user_id, case_id) DO UPDATE SET
              previous_seen_at = CASE WHEN v.last_seen_at < %s
                                      THEN v.last_seen_at ELSE v.previous_seen_at END,
              last_seen_at = EXCLUDED.last_seen_at
            RETURNING previous_seen_at
            """,  # noqa: S608
            [user.pk, case.pk, now, now - VISIT_GAP],
        )
        return cursor.fetchone()[0]
