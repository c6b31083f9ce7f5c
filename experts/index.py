"""The listed listings as per-process bitmaps: what the expert search filters, counts and
orders (counted by cgrs.facets, as the TA Library's filters are).

A listing's place is its position in name order (case-folded name, then id), so a result
bitmap iterated in order is already sorted by name. Every facet value is a bitmap of
places. "Accepting new cases" depends on the time (a confirmation lapses after 90 days),
so it is not a bitmap of the index: `accepting(cutoff)` cuts it from the confirmations in
time order. The index holds no contact details and no free text beyond the name.

Built in one query and kept per process (cgrs.versioned_cache) until the listings' version
(the one `ListingsVersion` row, which every listing write bumps in its own transaction:
experts.services.listings_version) differs from the one it was built at.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from pyroaring import BitMap, FrozenBitMap

from cgrs.versioned_cache import VersionedCache, stamp_read
from experts.models import Availability, Listing, ListingsVersion

EMPTY = FrozenBitMap()


@dataclass
class ListingIndex:
    pks: list[int] = field(default_factory=list)  # place -> listing id (name order)
    everything: FrozenBitMap = EMPTY
    # group -> value -> places: type, country, topic (term id), fee, language.
    bitmaps: dict[str, dict] = field(default_factory=dict)
    clinics: FrozenBitMap = EMPTY
    # Listings set to accepting, by when that was last confirmed (oldest first).
    confirmed_at: list[datetime] = field(default_factory=list)
    confirmed_places: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.pks)

    def bitmap(self, group: str, value) -> FrozenBitMap:
        return self.bitmaps.get(group, {}).get(value, EMPTY)

    def accepting(self, cutoff: datetime) -> BitMap:
        """The places of listings accepting new cases confirmed at or after `cutoff`."""
        start = bisect.bisect_left(self.confirmed_at, cutoff)
        return BitMap(self.confirmed_places[start:])


NO_LISTINGS = ListingIndex()


def current_version() -> int:
    """The listings' version: one indexed read of one row (0 before the first write)."""
    return stamp_read(ListingsVersion)


def build_index() -> ListingIndex:
    """One query: every listed listing's facet columns, topics aggregated in SQL."""
    topic_ids = ArraySubquery(
        Listing.topics.through.objects.filter(listing_id=OuterRef("pk")).values(
            "persecutiontype_id"
        )
    )
    rows = list(
        Listing.objects.listed()
        .annotate(topic_ids=topic_ids)
        .values_list(
            "pk",
            "display_name",
            "expert_types",
            "countries",
            "topic_ids",
            "languages",
            "fee_terms",
            "availability",
            "availability_confirmed_at",
            "is_clinic",
        )
    )
    rows.sort(key=lambda row: (row[1].lower(), row[0]))
    index = ListingIndex(pks=[row[0] for row in rows])
    groups: dict[str, dict] = {g: {} for g in ("type", "country", "topic", "fee", "language")}
    clinics, confirmed = [], []
    for place, row in enumerate(rows):
        _pk, _name, types, codes, topics, languages, fee, availability, since, clinic = row
        for group, values in (
            ("type", types),
            ("country", codes),
            ("topic", topics or ()),
            ("fee", (fee,)),
            ("language", languages),
        ):
            for value in values:
                groups[group].setdefault(value, []).append(place)
        if clinic:
            clinics.append(place)
        if availability == Availability.ACCEPTING and since is not None:
            confirmed.append((since, place))
    index.everything = FrozenBitMap(range(len(rows)))
    index.bitmaps = {
        group: {value: FrozenBitMap(places) for value, places in values.items()}
        for group, values in groups.items()
    }
    index.clinics = FrozenBitMap(clinics)
    confirmed.sort()
    index.confirmed_at = [since for since, _place in confirmed]
    index.confirmed_places = [place for _since, place in confirmed]
    return index


_INDEXES: VersionedCache[ListingIndex] = VersionedCache(size=4)


def listing_index() -> ListingIndex:
    """The index of the listed listings: one query for the version, one more to rebuild it
    after a listing changed."""
    return _INDEXES.get("listed", current_version(), build_index)
