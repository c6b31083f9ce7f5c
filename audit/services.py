"""Writing the audit trail."""

from __future__ import annotations

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
