"""Auditing the admin's views of records (S12): the list, each opened record, its history and
its delete page write one audit row per request, like the site's own pages."""

from __future__ import annotations

from audit.models import AuditAction
from audit.services import audit_record

# The object_id of a row for a list page (it names no single record).
LIST = "list"


class AuditedAdminMixin:
    """Mix into a ModelAdmin before admin.ModelAdmin; set `audit_object_type`."""

    audit_object_type: str = ""

    def audit_object_id(self, obj) -> str | int:
        """The identifier the audit row names (a case number rather than a database id)."""
        return obj.pk

    def _audit_one(self, request, object_id, action: str) -> None:
        obj = self.get_object(request, object_id)
        may = (
            self.has_delete_permission if action == AuditAction.DELETE else self.has_view_permission
        )
        audit_record(
            actor=request.user,
            object_type=self.audit_object_type,
            object_id=self.audit_object_id(obj) if obj is not None else object_id,
            action=action,
            allowed=obj is not None and may(request, obj),
        )

    def changelist_view(self, request, extra_context=None):
        audit_record(
            actor=request.user,
            object_type=self.audit_object_type,
            object_id=LIST,
            action=AuditAction.READ,
            allowed=self.has_view_permission(request),
        )
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._audit_one(request, object_id, AuditAction.READ)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._audit_one(request, object_id, AuditAction.READ)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._audit_one(request, object_id, AuditAction.DELETE)
        return super().delete_view(request, object_id, extra_context)
