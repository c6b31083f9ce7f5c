from django.contrib import admin
from django.db import models

from cgrs.admin_site import TAG_CHECKBOXES
from experts.models import Listing, ListingEvent
from experts.services.listings_version import listings_changed


class ListingEventInline(admin.TabularInline):
    model = ListingEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "kind", "notes", "checklist", "changes"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    """Curation of listings. Vetting decisions go through the staff review page (which emails
    the keeper and logs the checklist); here status and availability are read-only."""

    list_display = [
        "display_name",
        "is_clinic",
        "status",
        "fee_terms",
        "availability",
        "updated_at",
    ]
    list_filter = ["status", "is_clinic", "fee_terms", "availability"]
    search_fields = ["display_name", "contact_email"]
    list_select_related = ["owner", "organization"]
    raw_id_fields = ["owner", "organization"]
    readonly_fields = [
        "status",
        "staff_notes",
        "availability",
        "availability_confirmed_at",
        "availability_reminder_sent_at",
        "cv",
        "cv_uploaded_at",
        "submitted_at",
        "listed_at",
        "created_at",
        "updated_at",
    ]
    inlines = [ListingEventInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}, **TAG_CHECKBOXES}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The admin's change view saves the listing and then its topics in one transaction:
        # the bump commits with both. (Deletions bump through ExpertsConfig.ready(): a cascade
        # from a deleted user or organization does not pass through here.)
        listings_changed()
