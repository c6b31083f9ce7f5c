from django.contrib import admin

from ta_library.services import catalogue_changed
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic


class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    # Library filters show term names and slugs from per-process bitmaps: a change to a term
    # bumps the catalogue version so every process rebuilds them.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        catalogue_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        catalogue_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        catalogue_changed()


admin.site.register([PersecutionType, ProtectionType], TermAdmin)


@admin.register(ProceduralStage)
class ProceduralStageAdmin(TermAdmin):
    list_display = [*TermAdmin.list_display, "sequence"]


@admin.register(Topic)
class TopicAdmin(TermAdmin):
    list_display = [*TermAdmin.list_display, "implied_by_detention", "implied_by_child_harm"]
    filter_horizontal = ["implied_by_persecution"]


@admin.register(ResourceType)
class ResourceTypeAdmin(TermAdmin):
    list_display = [*TermAdmin.list_display, "country_specific"]
