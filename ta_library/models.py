"""Resources of the TA Library. (The library issue completes curation, matching and files;
the search issue adds extracted text and its index.)"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cgrs.models import VersionStamp
from ta_library.embeds import embed_url
from ta_library.files import stored_file_name
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic


class Audience(models.TextChoices):
    ATTORNEYS = "attorneys", _("Attorneys")
    EXPERTS = "experts", _("Experts")
    BOTH = "both", _("Attorneys and experts")


# Which audiences each reader sees (staff see every audience).
ATTORNEY_AUDIENCES = (Audience.ATTORNEYS, Audience.BOTH)
EXPERT_AUDIENCES = (Audience.EXPERTS, Audience.BOTH)


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_audience(self, audiences):
        return self.filter(audience__in=audiences)


class Resource(models.Model):
    title = models.CharField(max_length=300)
    summary = models.TextField()
    resource_type = models.ForeignKey(ResourceType, on_delete=models.PROTECT, related_name="+")
    published_on = models.DateField(db_index=True)
    authored_by_cgrs = models.BooleanField(default=True)
    author_name = models.CharField(
        max_length=200, blank=True, help_text=_("The organization or expert, when not CGRS.")
    )
    file = models.FileField(upload_to=stored_file_name, blank=True)
    external_url = models.URLField(blank=True)
    video_url = models.URLField(blank=True)
    # ISO 3166 codes; only for country-specific material.
    countries = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    persecution_types = models.ManyToManyField(PersecutionType, blank=True, related_name="+")
    protection_types = models.ManyToManyField(ProtectionType, blank=True, related_name="+")
    procedural_stages = models.ManyToManyField(ProceduralStage, blank=True, related_name="+")
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    relevant_to_every_case = models.BooleanField(default=False)
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.ATTORNEYS)
    is_published = models.BooleanField(default=False)
    # When the resource first became visible in libraries: drives "new since your last visit"
    # (published_on is the document's own date and may lie in the past).
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_on", "-id"]
        indexes = [GinIndex(fields=["countries"], name="resource_countries_gin")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """What makes a resource whole, for every way one is written (the admin's form, the
        services, the importer): content to open, an author when not CGRS, countries only on
        country-specific types, videos only from the hosts the page can embed."""
        errors = {}
        if not (self.file or self.external_url or self.video_url):
            errors[NON_FIELD_ERRORS] = _("Add the content: a file, an external link or a video.")
        if not self.authored_by_cgrs and not self.author_name:
            errors["author_name"] = _("Name the organization or expert who wrote it.")
        if self.countries and self.resource_type_id and not self.resource_type.country_specific:
            errors["countries"] = _(
                "Countries apply only to country-specific material; this type is matched by claim."
            )
        if self.video_url and embed_url(self.video_url) is None:
            errors["video_url"] = _("Use a YouTube or Vimeo video link.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_pdf(self) -> bool:
        return bool(self.file) and self.file.name.lower().endswith(".pdf")


class CatalogueVersion(VersionStamp):
    """The number every resource or taxonomy write bumps (ta_library.services).

    Each process keeps its facet bitmaps (ta_library.index) and rebuilds them when this number
    differs from the one it built them at; reading it is one indexed query per request.
    """

    SEQUENCE = "ta_library_catalogue_version_seq"

    def __str__(self) -> str:
        return f"catalogue v{self.version}"


class LibraryVisit(models.Model):
    """When a person last opened one case's library, for the "new since your last visit" marker.

    `previous_seen_at` is the end of the sitting before the current one: visits closer together
    than a sitting (ta_library.visits.VISIT_GAP) count as one, so reloading the page or
    changing filters does not clear the markers.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    last_seen_at = models.DateTimeField()
    previous_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "case"], name="library_visit_once_per_case")
        ]

    def __str__(self) -> str:
        return f"visit of case library {self.case_id}"


class CaseMatch(models.Model):
    """A published resource that came into an open case's library (it became visible, or
    was retagged, after the case existed), recorded once per case and resource: what the
    case's alerts report (ta_library.case_match records them; alerts.digests reports them).
    An intake edit that brings resources into a library records nothing: the attorney is
    looking at them already."""

    # A resource relevant to every case matches 100,000 cases at once, and each row written
    # must stay cheap (manage.py bench_alerts): no foreign-key constraints in the database
    # (a check per row; deleting a case or a resource still deletes its matches, through
    # Django's on_delete), and indexes whose new entries go at the end, keyed on the
    # resource first. Readers join cases, so a row of a deleted case reaches nobody.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    matched_at = models.DateTimeField()
    # Set when a digest reported it (or found it already seen in the library).
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Resource first: it also serves the matcher's "already recorded" check and the
            # deletion of a resource's matches.
            models.UniqueConstraint(fields=["resource", "case"], name="case_match_once")
        ]
        indexes = [
            # The digest's scan: what is not reported yet (it reads all of it, so the key
            # only has to be cheap to insert).
            models.Index(
                fields=["resource"],
                name="case_match_pending",
                condition=models.Q(digested_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"resource {self.resource_id} in case {self.case_id}"
