"""Writing the audit trail."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from audit.models import AuditAction, AuditEvent, AuditResult


def audit_record(
    *,
    actor,
    object_type: str,
    object_id: int | str,
    action: AuditAction | str,
    allowed: bool,
) -> AuditEvent:
    """Record one access to one object. Call it exactly once per request that touches it.

    Only ids go in: `object_id` is the number or id the request named, never a value from the
    record. Anonymous actors are recorded without an id.
    """
    authenticated = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_role=(actor.role or "") if authenticated else "anonymous",
        object_type=object_type,
        object_id=str(object_id)[:32],
        action=action,
        result=AuditResult.ALLOWED if allowed else AuditResult.DENIED,
    )


def fetch_audited_or_404(
    queryset: QuerySet,
    *,
    actor,
    object_type: str,
    object_id: int | str,
    action: AuditAction | str = AuditAction.READ,
    audit_allowed: bool = True,
    **lookup,
):
    """The one object of `queryset` matching `lookup` (default: primary key `object_id`),
    else 404, with the request's one audit row.

    `queryset` is already scoped to what `actor` may see, so a refused read and a missing
    object look the same: both are a 404 and a denied row. `audit_allowed=False` is for
    writes whose service records the allowed change itself (one row per request, never two).
    """
    found = queryset.filter(**(lookup or {"pk": object_id})).first()
    if found is None or audit_allowed:
        audit_record(
            actor=actor,
            object_type=object_type,
            object_id=object_id,
            action=action,
            allowed=found is not None,
        )
    if found is None:
        raise Http404
    return found
