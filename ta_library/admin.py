"""Staff curation of TA Library resources: tags, publication, bulk tagging, preview."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cgrs.admin_site import TAG_CHECKBOXES
from ta_library import services
from ta_library.files import EXTENSION_FOR, validate_library_file
from ta_library.models import Resource
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, Topic

TAG_MODELS = {
    "persecution_types": PersecutionType,
    "protection_types": ProtectionType,
    "procedural_stages": ProceduralStage,
    "topics": Topic,
}


# Links typed without a scheme are https (also Django 6's default, so no warning now): for
# the form the admin builds (formfield_overrides, as in experts.admin) and for the form
# class itself, which Django builds at import.
HTTPS_URL = {"assume_scheme": "https"}


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs = {**HTTPS_URL, **kwargs}
    return db_field.formfield(**kwargs)


class ResourceAdminForm(forms.ModelForm):
    countries = forms.MultipleChoiceField(
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_(
            "Only for country-specific material (country conditions, expert declarations)."
        ),
    )

    class Meta:
        model = Resource
        formfield_callback = _formfield
        fields = [
            "title",
            "summary",
            "resource_type",
            "published_on",
            "audience",
            "authored_by_cgrs",
            "author_name",
            "file",
            "external_url",
            "video_url",
            "relevant_to_every_case",
            "countries",
            "persecution_types",
            "protection_types",
            "procedural_stages",
            "topics",
            "is_published",
        ]

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            content_type = validate_library_file(uploaded)
            # SECURITY: files.stored_file_name stores it under a random name, never the
            # uploader's (S7); this name only carries the extension of the sniffed type.
            uploaded.name = "upload" + EXTENSION_FOR[content_type]
        return uploaded

    # Content, author, countries and video host are Resource.clean()'s rule, which the
    # ModelForm runs on the instance it builds.


class TagActionForm(ActionForm):
    tag = forms.ChoiceField(required=False, label=_("Tag"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "---------")]
        for field, model in TAG_MODELS.items():
            label = str(model._meta.verbose_name).capitalize()
            choices.append(
                (label, [(f"{field}:{t.pk}", str(t)) for t in model.objects.order_by("position")])
            )
        self.fields["tag"].choices = choices


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    form = ResourceAdminForm
    formfield_overrides = {models.URLField: HTTPS_URL, **TAG_CHECKBOXES}
    action_form = TagActionForm
    list_display = [
        "title",
        "resource_type",
        "published_on",
        "authored_by_cgrs",
        "audience",
        "relevant_to_every_case",
        "is_published",
        "preview_link",
    ]
    list_filter = [
        "is_published",
        "resource_type",
        "audience",
        "authored_by_cgrs",
        "relevant_to_every_case",
        "persecution_types",
        "procedural_stages",
        "protection_types",
        "topics",
        "published_on",
    ]
    search_fields = ["title", "summary", "author_name"]
    date_hierarchy = "published_on"
    list_select_related = ["resource_type"]
    readonly_fields = ["first_published_at", "created_at", "updated_at", "preview_link"]
    actions = ["publish", "unpublish", "add_tag", "mark_general", "unmark_general"]
    fieldsets = [
        (None, {"fields": ["title", "summary", "resource_type", "published_on", "audience"]}),
        (_("Author"), {"fields": ["authored_by_cgrs", "author_name"]}),
        (_("Content (one of)"), {"fields": ["file", "external_url", "video_url"]}),
        (
            _("Tags"),
            {
                "fields": [
                    "relevant_to_every_case",
                    "countries",
                    "persecution_types",
                    "protection_types",
                    "procedural_stages",
                    "topics",
                ]
            },
        ),
        (_("Publication"), {"fields": ["is_published", "first_published_at", "preview_link"]}),
    ]

    @admin.display(description=_("Preview"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        url = reverse("ta_library:resource_detail", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Preview"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Publication stamp, catalogue version, search index: the service does all three.
        services.resource_saved(
            resource=form.instance, changed_fields=form.changed_data, created=not change
        )

    def delete_model(self, request, obj):
        services.resource_delete(resource=obj)

    def delete_queryset(self, request, queryset):
        services.resources_delete(resources=queryset)

    @admin.action(description=_("Publish selected resources"))
    def publish(self, request, queryset):
        count = services.resources_set_published(
            resource_ids=queryset.values_list("pk", flat=True), published=True
        )
        self.message_user(request, _("%(count)d published.") % {"count": count})

    @admin.action(description=_("Unpublish selected resources"))
    def unpublish(self, request, queryset):
        count = services.resources_set_published(
            resource_ids=queryset.values_list("pk", flat=True), published=False
        )
        self.message_user(request, _("%(count)d unpublished.") % {"count": count})

    @admin.action(description=_("Mark selected as relevant to every case"))
    def mark_general(self, request, queryset):
        services.resources_set_general(
            resource_ids=queryset.values_list("pk", flat=True), general=True
        )

    @admin.action(description=_("Unmark selected as relevant to every case"))
    def unmark_general(self, request, queryset):
        services.resources_set_general(
            resource_ids=queryset.values_list("pk", flat=True), general=False
        )

    @admin.action(description=_("Add the chosen tag to selected resources"))
    def add_tag(self, request, queryset):
        field, _sep, pk = request.POST.get("tag", "").partition(":")
        model = TAG_MODELS.get(field)
        term = model.objects.filter(pk=pk).first() if model and pk.isdigit() else None
        if term is None:
            self.message_user(request, _("Choose a tag first."), level=messages.WARNING)
            return
        added = services.resources_add_tags(
            resource_ids=queryset.values_list("pk", flat=True), field=field, terms=[term]
        )
        self.message_user(request, _("Tag added to %(count)d resources.") % {"count": added})
