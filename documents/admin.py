from django.contrib import admin

from audit.admin_views import AuditedAdminMixin
from documents.models import Document


@admin.register(Document)
class DocumentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Read-only: documents change through their services (which audit every change); staff
    work in the documents queue. Every opened record is audited."""

    audit_object_type = "document"
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

    def audit_object_id(self, obj):
        return obj.public_id
