from django.contrib import admin

from audit.models import AuditAction
from audit.services import audit_record
from documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only: documents change through their services (which audit every change); staff
    work in the documents queue. Every opened record is audited."""

    list_display = [
        "public_id",
        "case",
        "kind",
        "file_format",
        "share_permission",
        "state",
        "page_count",
        "created_at",
    ]
    list_filter = ["state", "share_permission", "kind", "file_format", "text_status"]
    search_fields = ["case__number", "public_id"]
    list_select_related = ["case"]
    date_hierarchy = "created_at"
    exclude = ["file"]
    raw_id_fields = ["case", "outcome", "uploaded_by"]

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
            object_type="document",
            object_id=obj.public_id if obj is not None else object_id,
            action=AuditAction.READ,
            allowed=obj is not None and self.has_view_permission(request, obj),
        )
        return super().change_view(request, object_id, form_url, extra_context)
