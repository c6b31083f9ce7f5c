from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the database refuses changes to audit rows anyway."""

    list_display = [
        "occurred_at",
        "actor",
        "actor_role",
        "action",
        "object_type",
        "object_id",
        "result",
    ]
    list_filter = ["result", "action", "object_type", "actor_role"]
    search_fields = ["object_id", "actor__email"]
    list_select_related = ["actor"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
