"""The shared vocabulary of intakes, library tags and expert listings.

Staff edit these lists in the admin. Countries are ISO codes (django-countries), not rows.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class TermName:
    """A term's name in each language, shown in the language active when it is turned into
    text (a page's, or an email's recipient's). Spanish falls back to English until staff
    write it. Per-process caches (the library's filters) keep this, not a string, so one
    cache serves both languages."""

    en: str
    es: str = ""

    def __str__(self) -> str:
        if self.es and (get_language() or "").startswith("es"):
            return self.es
        return self.en


class Term(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=120,
        blank=True,
        help_text=_(
            "Shown to people who chose Español (pro se asylum seekers among them). Use the "
            "legal terms of the Spanish glossary. Left blank, they see the English name."
        ),
    )
    position = models.PositiveSmallIntegerField(default=100, help_text=_("Order in lists."))

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        # In the active language: form choices, case pages and emails show it this way.
        return str(self.names)

    @property
    def names(self) -> TermName:
        return TermName(self.name, self.name_es)


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
