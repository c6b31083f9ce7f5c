from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cgrs.tasks import enqueue
from search import tasks
from search.models import Extraction, SynonymGroup


@admin.register(Extraction)
class ExtractionAdmin(admin.ModelAdmin):
    """What text extraction made of every library file: extracted (pages, characters), no
    text layer (needs OCR), failed (why). Extraction itself runs in a task."""

    list_display = [
        "resource",
        "status",
        "pages",
        "characters",
        "error",
        "file_name",
        "extracted_at",
    ]
    list_filter = ["status"]
    list_select_related = ["resource"]
    search_fields = ["resource__title"]
    readonly_fields = [
        "resource",
        "status",
        "file_name",
        "file_sha256",
        "pages",
        "characters",
        "error",
        "duration_ms",
        "extracted_at",
        "updated_at",
    ]
    actions = ["rerun_extraction"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Extract the text again"), permissions=["view"])
    def rerun_extraction(self, request, queryset):
        ids = list(queryset.values_list("resource_id", flat=True))
        with transaction.atomic():
            for resource_id in ids:
                enqueue(tasks.reextract_resource, resource_id)
        self.message_user(
            request,
            ngettext(
                "Extraction of %(count)d file was queued.",
                "Extraction of %(count)d files was queued.",
                len(ids),
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    """Acronyms and the phrases they stand for: a search for one also finds the others."""

    list_display = ["terms", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["terms"]
