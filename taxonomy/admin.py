from django.contrib import admin

from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic


class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register([PersecutionType, ProtectionType, ProceduralStage, Topic], TermAdmin)


@admin.register(ResourceType)
class ResourceTypeAdmin(TermAdmin):
    list_display = [*TermAdmin.list_display, "country_specific"]
