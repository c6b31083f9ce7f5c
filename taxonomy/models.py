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
        verbose_name_plural = _("types of persecution")


class ProtectionType(Term):
    class Meta(Term.Meta):
        verbose_name = _("protection sought")
        verbose_name_plural = _("protection sought")


class ProceduralStage(Term):
    # The order stages come in lives on the rows, not in code that names slugs: renaming a
    # stage cannot silently stop an outcome from moving a case forward.
    sequence = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        unique=True,
        help_text=_(
            "Place in the order a case moves through the stages (1 first). Leave blank for "
            "a stage outside that order, such as Other. A case only ever moves to a later "
            "stage."
        ),
    )

    class Meta(Term.Meta):
        verbose_name = _("procedural stage")
        verbose_name_plural = _("procedural stages")


class Topic(Term):
    # Which intakes have this topic (see ta_library.rules.implied_topics). On the row rather
    # than in code that names slugs, so a staff edit of a slug cannot break matching.
    implied_by_detention = models.BooleanField(
        default=False,
        help_text=_(
            "Cases whose client is or was detained have this topic: its material comes to "
            "their libraries."
        ),
    )
    implied_by_child_harm = models.BooleanField(
        default=False,
        help_text=_("Cases whose client was harmed as a child have this topic."),
    )
    implied_by_persecution = models.ManyToManyField(
        PersecutionType,
        blank=True,
        related_name="implied_topics",
        help_text=_("Cases claiming any of these types of persecution have this topic."),
    )

    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


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
        verbose_name_plural = _("types of document")
