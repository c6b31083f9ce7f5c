from django.contrib import admin

from audit.models import AuditAction
from audit.services import audit_record
from ta_requests.models import TARequest


@admin.register(TARequest)
class TARequestAdmin(admin.ModelAdmin):
    """Read-only: requests change through their services (which audit every change); staff
    work in the queue. Every opened record is audited."""

    list_display = ["pk", "case", "kind", "status", "deadline_on", "assigned_to", "created_at"]
    list_filter = ["status", "kind", "urgency"]
    search_fields = ["case__number"]
    list_select_related = ["case", "assigned_to"]
    raw_id_fields = ["case", "requested_by", "assigned_to", "documents"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        audit_record(
            actor=request.user,
            object_type="ta_request",
            object_id=object_id,
            action=AuditAction.READ,
            allowed=obj is not None and self.has_view_permission(request, obj),
        )
        return super().change_view(request, object_id, form_url, extra_context)
