"""Reads with rules: the organization type-ahead, the staff follow-up queue and the language
an email to an address is written in."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from django.contrib.postgres.search import SearchQuery
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Collate, Lower

from accounts.models import FollowUpStatus, Organization, ProSeFollowUp
from cgrs.language import is_language

# The type-ahead shows at most this many organizations.
ORGANIZATION_MATCHES = 20
# Longer queries are cut: no organization name is longer, and it bounds the tsquery.
QUERY_MAX_LENGTH = 100
# Shorter queries match whole-name prefixes only: one or two letters would match a word in
# nearly every name.
WORD_SEARCH_MIN_LENGTH = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def word_prefix_query(text: str) -> SearchQuery | None:
    """'bay asy' -> to_tsquery('simple', 'bay:* & asy:*'). Only word characters reach the
    tsquery, so no user input can break its syntax."""
    words = _WORD.findall(text.lower())[:8]
    if not words:
        return None
    return SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config="simple"
    )


def organizations_matching(text: str, *, limit: int = ORGANIZATION_MATCHES) -> list[Organization]:
    """Up to `limit` organizations for the type-ahead: names starting with `text` first, then
    (for three letters or more) names with words starting with its words ('asylum' finds
    'Bay Area Asylum Project'). An empty query lists the first organizations by name.

    Both searches use an index (`organization_name_prefix`, and the stored `name_words`
    with `organization_name_words`), so the cost barely grows with the number of
    organizations; see `manage.py bench_organizations`. At most two queries.
    """
    # PostgreSQL text cannot hold NUL; nothing else the user types needs escaping here.
    text = " ".join(text.replace("\x00", "").split())[:QUERY_MAX_LENGTH]
    organizations = Organization.objects.only("id", "name", "city", "state")
    if not text:
        return list(organizations.order_by("name", "pk")[:limit])
    # Byte order of the lower-cased name: the order `organization_name_prefix` holds, so a
    # prefix search reads only the rows it returns.
    organizations = organizations.alias(lowered_name=Collate(Lower("name"), "C"))
    found = list(
        organizations.filter(lowered_name__startswith=text.lower()).order_by("lowered_name", "pk")[
            :limit
        ]
    )
    words = word_prefix_query(text) if len(text) >= WORD_SEARCH_MIN_LENGTH else None
    if len(found) < limit and words is not None:
        found += list(
            organizations.filter(name_words=words)
            .exclude(pk__in=[org.pk for org in found])
            # Not `lowered_name`: walking that index in order looking for a rare word would
            # read the whole table; the GIN bitmap then a top-N sort is bounded.
            .order_by("name", "pk")[: limit - len(found)]
        )
    return found


def pro_se_follow_ups_for_staff(status: str | None = None) -> QuerySet[ProSeFollowUp]:
    """The staff queue, newest registration first, with what the list shows joined in."""
    from allauth.account.models import EmailAddress

    follow_ups = ProSeFollowUp.objects.select_related("user", "updated_by").annotate(
        email_verified=Exists(
            EmailAddress.objects.filter(user_id=OuterRef("user_id"), verified=True)
        )
    )
    if status in FollowUpStatus.values:
        follow_ups = follow_ups.filter(status=status)
    return follow_ups.order_by("-created_at", "-pk")


def reader_language(email: str, *, user=None, default: str) -> str:
    """The language to write to `email` in: its account's preferred language when the address
    belongs to an account (so a reset asked for from an English browser still reaches a
    Spanish reader in Spanish), otherwise `default` (the language of the page that caused it,
    e.g. for "no account uses this address")."""
    if user is None:
        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        user = address.user if address else None
    language = getattr(user, "preferred_language", "")
    return language if is_language(language) else default
