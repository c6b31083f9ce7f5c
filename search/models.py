"""Extracted text, passages and the search vocabulary of TA Library resources.

Everything here is derived from `ta_library.Resource` and can be rebuilt from it
(`search.services.resource_index`): the resource stays the source of truth.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for extraction")
    EXTRACTED = "extracted", _("Extracted")
    NEEDS_OCR = "needs_ocr", _("No text layer (needs OCR)")
    FAILED = "failed", _("Failed")
    NO_FILE = "no_file", _("No file (title and summary only)")
    UNSUPPORTED = "unsupported", _("File type without text extraction")


class Extraction(models.Model):
    """What text extraction made of one resource's file, for staff and for idempotency:
    `file_sha256` is the file that was extracted, so an unchanged file is not read again."""

    resource = models.OneToOneField(
        "ta_library.Resource", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING
    )
    file_name = models.CharField(max_length=300, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    characters = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("text extraction")
        verbose_name_plural = _("text extractions")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["status"], name="search_extraction_status")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} (resource {self.resource_id})"


class Passage(models.Model):
    """About 1–2 KB of a resource's text, with the page it is on: the unit a snippet is cut
    from (ts_headline is only ever run over one passage, never a whole document)."""

    resource = models.ForeignKey("ta_library.Resource", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    page = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()
    # The text with accents folded (search.text.fold), only when that differs from `text`:
    # ts_headline must see the folded words the query is made of.
    folded = models.TextField(blank=True)
    # Built from the accent-folded text (search.text.fold) with the `english` configuration.
    vector = SearchVectorField()

    class Meta:
        ordering = ["resource", "position"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "position"], name="search_passage_once")
        ]
        indexes = [GinIndex(fields=["vector"], name="search_passage_vector")]

    def __str__(self) -> str:
        return f"Passage {self.position} of resource {self.resource_id}"


class SearchDocument(models.Model):
    """The stored, indexed vector of one resource: title (weight A), summary (B), body (C).
    `head` holds title and summary only: ranking every match on the full vector is the
    expensive part of a search for a common word, so large result sets rank on `head`."""

    resource = models.OneToOneField(
        "ta_library.Resource", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    vector = SearchVectorField()
    head = SearchVectorField()
    # Copied from the resource: the tie-breaker of the ranking without a join.
    published_on = models.DateField()
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            GinIndex(fields=["vector"], name="search_document_vector"),
            GinIndex(fields=["head"], name="search_document_head"),
        ]

    def __str__(self) -> str:
        return f"Index entry of resource {self.resource_id}"


class VocabularyWord(models.Model):
    """A word of the indexed text (accent-folded, lower case) and in how many resources it
    occurs: what misspelled query words are corrected to. Refreshed off the request path
    (search.services.vocabulary_refresh); new resources add their words as they are indexed."""

    word = models.CharField(max_length=40, primary_key=True)
    # The `english` stem, so that "persecutions" counts as known when "persecution" is.
    stem = models.CharField(max_length=40, blank=True)
    document_count = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [
            models.Index(fields=["stem"], name="search_vocab_stem"),
            models.Index(Substr("word", 1, 1), Length("word"), name="search_vocab_first_len"),
            models.Index(
                fields=["word"], name="search_vocab_prefix", opclasses=["text_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.word


class SynonymGroup(models.Model):
    """Words and phrases that mean the same in this field (an acronym and what it stands
    for). A query containing any of them also finds the others. Staff edit these."""

    terms = models.TextField(
        help_text=_(
            "Equivalent terms separated by commas, e.g. “PSG, particular social group”. "
            "Accents and capitals do not matter."
        )
    )
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]


class IndexState(models.Model):
    """One row: when the vocabulary was last rebuilt, and whether the index changed since."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    vocabulary_refreshed_at = models.DateTimeField(null=True, blank=True)
    index_changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "Search index state"
