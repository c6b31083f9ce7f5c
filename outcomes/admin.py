from django.contrib import admin

from audit.admin_views import AuditedAdminMixin
from cases.admin import CaseAdmin, CaseChangeInline, DeadlineInline, ReadOnlyInline
from cases.models import Case
from outcomes.models import Outcome


@admin.register(Outcome)
class OutcomeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Outcomes are reported by attorneys; staff read them here (every opened record is
    audited)."""

    audit_object_type = "outcome"
    list_display = ["case", "decided_on", "adjudicator_level", "decision", "appeal", "created_at"]
    list_filter = ["adjudicator_level", "decision", "appeal", "decided_on"]
    search_fields = ["case__number"]
    list_select_related = ["case"]
    date_hierarchy = "decided_on"
    raw_id_fields = ["case", "reported_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # SECURITY: cases and outcomes are records; nobody deletes them in the admin (a
        # deletion would also take their audit context with it).
        return False


class OutcomeInline(ReadOnlyInline):
    model = Outcome
    fields = ["decided_on", "adjudicator_level", "decision", "appeal"]


# A case's admin page lists its outcomes; outcomes adds them (cases does not import outcomes).
admin.site.unregister(Case)


@admin.register(Case)
class CaseWithOutcomesAdmin(CaseAdmin):
    inlines = [DeadlineInline, OutcomeInline, CaseChangeInline]
