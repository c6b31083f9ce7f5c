from django.contrib import admin

from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic
from taxonomy.signals import terms_changed


class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    # Library filters show term names and slugs from per-process bitmaps: on a change to a
    # term the library bumps its catalogue version so every process rebuilds them.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        terms_changed.send(sender=self.model)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        terms_changed.send(sender=self.model)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        terms_changed.send(sender=self.model)


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
