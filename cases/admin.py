from django.contrib import admin, messages
from django.utils.translation import gettext as _

from audit.models import AuditAction
from audit.services import audit_record
from cases.models import Case, CaseChange, Deadline
from cases.services import case_number_usage


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class DeadlineInline(ReadOnlyInline):
    model = Deadline
    fields = ["due_on", "description"]


class CaseChangeInline(ReadOnlyInline):
    model = CaseChange
    fields = ["changed_at", "changed_by", "source", "changes"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: cases change only through the intake and edit services, which keep the
    history; every opened record is audited."""

    list_display = [
        "number",
        "attorney",
        "country_of_origin",
        "procedural_stage",
        "detention_status",
        "outcome_rendered",
        "created_at",
    ]
    list_filter = ["procedural_stage", "detention_status", "outcome_rendered", "country_of_origin"]
    search_fields = ["=number", "attorney__email"]
    list_select_related = ["attorney", "procedural_stage"]
    date_hierarchy = "created_at"
    exclude = ["intake_token"]
    # outcomes/admin.py registers a subclass that adds the outcomes between these two.
    inlines = [DeadlineInline, CaseChangeInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        usage = case_number_usage()
        if usage.nearly_exhausted:
            messages.warning(
                request,
                _("%(used)s of %(capacity)s case numbers are in use.")
                % {"used": usage.used, "capacity": usage.capacity},
            )
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        audit_record(
            actor=request.user,
            object_type="case",
            object_id=obj.number if obj is not None else object_id,
            action=AuditAction.READ,
            allowed=obj is not None and self.has_view_permission(request, obj),
        )
        return super().change_view(request, object_id, form_url, extra_context)
