"""The shared vocabulary of intakes, library tags and expert listings.

Staff edit these lists in the admin. Countries are ISO codes (django-countries), not rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=100, help_text=_("Order in lists."))

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class PersecutionType(Term):
    class Meta(Term.Meta):
        verbose_name = _("type of persecution")


class ProtectionType(Term):
    class Meta(Term.Meta):
        verbose_name = _("protection sought")
        verbose_name_plural = _("protection sought")


class ProceduralStage(Term):
    class Meta(Term.Meta):
        verbose_name = _("procedural stage")


class Topic(Term):
    class Meta(Term.Meta):
        verbose_name = _("topic")


class ResourceType(Term):
    country_specific = models.BooleanField(
        default=False,
        help_text=_(
            "Country-specific material (country conditions research, universal expert "
            "declarations) matches a case by the client's country only."
        ),
    )

    class Meta(Term.Meta):
        verbose_name = _("type of document")
