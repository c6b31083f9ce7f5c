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

from cgrs.versioned_cache import stamp_bump
from experts.models import ListingsVersion


def listings_changed() -> None:
    """Bump the listings' version, in the caller's transaction (the catalogue's scheme:
    cgrs.versioned_cache.stamp_bump)."""
    stamp_bump(ListingsVersion)
