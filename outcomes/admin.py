from django.contrib import admin

from audit.models import AuditAction
from audit.services import audit_record
from cases.admin import CaseAdmin, CaseChangeInline, DeadlineInline, ReadOnlyInline
from cases.models import Case
from outcomes.models import Outcome


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    """Outcomes are reported by attorneys; staff read them here (every opened record is
    audited)."""

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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        audit_record(
            actor=request.user,
            object_type="outcome",
            object_id=object_id,
            action=AuditAction.READ,
            allowed=obj is not None and self.has_view_permission(request, obj),
        )
        return super().change_view(request, object_id, form_url, extra_context)


class OutcomeInline(ReadOnlyInline):
    model = Outcome
    fields = ["decided_on", "adjudicator_level", "decision", "appeal"]


# A case's admin page lists its outcomes; outcomes adds them (cases does not import outcomes).
admin.site.unregister(Case)


@admin.register(Case)
class CaseWithOutcomesAdmin(CaseAdmin):
    inlines = [DeadlineInline, OutcomeInline, CaseChangeInline]
