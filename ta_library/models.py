"""Resources of the TA Library. (The library issue completes curation, matching and files;
the search issue adds extracted text and its index.)"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic


class Audience(models.TextChoices):
    ATTORNEYS = "attorneys", _("Attorneys")
    EXPERTS = "experts", _("Experts")
    BOTH = "both", _("Attorneys and experts")


class Resource(models.Model):
    title = models.CharField(max_length=300)
    summary = models.TextField()
    resource_type = models.ForeignKey(ResourceType, on_delete=models.PROTECT, related_name="+")
    published_on = models.DateField(db_index=True)
    authored_by_cgrs = models.BooleanField(default=True)
    author_name = models.CharField(
        max_length=200, blank=True, help_text=_("The organization or expert, when not CGRS.")
    )
    file = models.FileField(upload_to="library/%Y/", blank=True)
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [GinIndex(fields=["countries"], name="resource_countries_gin")]

    def __str__(self) -> str:
        return self.title
