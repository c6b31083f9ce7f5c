"""The listings' version: what tells every process that its expert search bitmaps
(experts.index) are out of date.

Every write that changes what the expert search shows calls `listings_changed()` inside its
own transaction: the services in this package (create, edit, submit, review, availability),
the admin's edits, and deletions (ExpertsConfig.ready() connects it to a listing's
deletion, so a cascade from a deleted user or organization counts too). A count or a latest
`updated_at` over the listings cannot stand in for it: an edit that commits after a later
one, or one that leaves both where they were, would go unseen.
"""

from __future__ import annotations

from django.db import connection

from experts.models import ListingsVersion

VERSION_SEQUENCE = "experts_listings_version_seq"


def listings_changed() -> None:
    """Bump the listings' version (the catalogue's scheme, ta_library.services). The number
    comes from a sequence, so it is never reused, even after a rolled-back transaction (a
    process could otherwise keep bitmaps built from rolled-back data under a number that
    comes round again). Upserted, so a database whose row went missing (a flushed test
    database) gets it back."""
    table = ListingsVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, version) VALUES (1, nextval('{VERSION_SEQUENCE}')) "  # noqa: S608
            "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version"
        )
