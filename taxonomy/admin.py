from django.contrib import admin
from django.utils.translation import gettext as _

from cgrs.admin_site import TAG_CHECKBOXES
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic
from taxonomy.signals import terms_changed


class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "slug", "position"]
    list_editable = ["position"]
    # "name in Spanish: Empty" lists the terms Spanish readers still see in English.
    list_filter = [("name_es", admin.EmptyFieldListFilter)]
    search_fields = ["name", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_changelist_form(self, request, **kwargs):
        # The list's position boxes have no visible label of their own: name each after its
        # row, so "Position: Domestic violence" is read out, not an unnamed number box.
        base = super().get_changelist_form(request, **kwargs)

        class LabelledPositionForm(base):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                if "position" in self.fields:
                    label = _("Position: %(term)s") % {"term": self.instance.name}
                    self.fields["position"].widget.attrs["aria-label"] = label

        return LabelledPositionForm

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
    formfield_overrides = TAG_CHECKBOXES


@admin.register(ResourceType)
class ResourceTypeAdmin(TermAdmin):
    list_display = [*TermAdmin.list_display, "country_specific"]
