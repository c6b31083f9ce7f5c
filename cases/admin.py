from django.contrib import admin, messages
from django.utils.translation import gettext as _

from audit.admin_views import AuditedAdminMixin
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
class CaseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Read-only: cases change only through the intake and edit services, which keep the
    history; every opened record is audited."""

    audit_object_type = "case"
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

    def has_delete_permission(self, request, obj=None):
        # SECURITY: cases and outcomes are records; nobody deletes them in the admin (a
        # deletion would also take their audit context with it).
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

    def audit_object_id(self, obj):
        return obj.number
