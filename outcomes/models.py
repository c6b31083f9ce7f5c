"""Outcomes reported for a case: each decision an adjudicator rendered."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case


class AdjudicatorLevel(models.TextChoices):
    ASYLUM_OFFICE = "asylum_office", _("Asylum office")
    IMMIGRATION_JUDGE = "immigration_judge", _("Immigration judge")
    BIA = "bia", _("Board of Immigration Appeals (BIA)")
    CIRCUIT_COURT = "circuit_court", _("Federal circuit court")


class Decision(models.TextChoices):
    GRANTED_ASYLUM = "granted_asylum", _("Granted asylum")
    GRANTED_WITHHOLDING = "granted_withholding", _("Granted withholding of removal")
    GRANTED_CAT = "granted_cat", _("Granted CAT deferral or withholding")
    DENIED = "denied", _("Denied")
    DISMISSED = "dismissed", _("Dismissed")
    REMANDED = "remanded", _("Remanded")
    ADMIN_CLOSED = "administratively_closed", _("Administratively closed")
    TERMINATED = "terminated", _("Terminated")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    OTHER = "other", _("Other")


class Ground(models.TextChoices):
    PARTICULAR_SOCIAL_GROUP = "psg", _("Particular social group")
    POLITICAL_OPINION = "political_opinion", _("Political opinion")
    RELIGION = "religion", _("Religion")
    RACE = "race", _("Race")
    NATIONALITY = "nationality", _("Nationality")


class DenialReason(models.TextChoices):
    CREDIBILITY = "credibility", _("Adverse credibility")
    NEXUS = "nexus", _("No nexus to a protected ground")
    PSG_NOT_COGNIZABLE = "psg_not_cognizable", _("Particular social group not cognizable")
    HARM_NOT_PERSECUTION = "harm_not_persecution", _("Harm did not rise to persecution")
    NO_WELL_FOUNDED_FEAR = "no_well_founded_fear", _("No well-founded fear of future harm")
    STATE_PROTECTION = "state_protection", _("Government able and willing to protect")
    RELOCATION = "relocation", _("Internal relocation possible")
    ONE_YEAR_BAR = "one_year_bar", _("One-year filing deadline")
    OTHER_BAR = "other_bar", _("Another bar (e.g. particularly serious crime, firm resettlement)")
    CORROBORATION = "corroboration", _("Insufficient corroboration")
    CAT_ACQUIESCENCE = "cat_acquiescence", _("CAT: no government acquiescence")
    DISCRETION = "discretion", _("Denied as a matter of discretion")
    OTHER = "other", _("Other")


class Appeal(models.TextChoices):
    APPEALED = "appealed", _("Yes, appealed (or petition for review filed)")
    NOT_APPEALED = "not_appealed", _("No, not appealed")
    UNDECIDED = "undecided", _("Not decided yet")


class Outcome(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcomes")
    decided_on = models.DateField()
    adjudicator_level = models.CharField(max_length=24, choices=AdjudicatorLevel.choices)
    location = models.CharField(max_length=120, blank=True)
    adjudicator_name = models.CharField(max_length=120, blank=True)
    decision = models.CharField(max_length=32, choices=Decision.choices)
    grounds = ArrayField(models.CharField(max_length=24, choices=Ground.choices), default=list)
    psg_formulations = ArrayField(models.TextField(), default=list)
    denial_reasons = ArrayField(
        models.CharField(max_length=32, choices=DenialReason.choices), default=list
    )
    denial_reasons_text = models.TextField(blank=True)
    appeal = models.CharField(max_length=16, choices=Appeal.choices, blank=True)
    notes = models.TextField(blank=True)
    # Issued with the form; the same form submitted twice finds the outcome it made.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["decided_on", "id"]
        indexes = [models.Index(fields=["case", "decided_on"], name="outcome_case_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "submission_token"], name="outcome_submitted_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} on {self.decided_on}"

    @property
    def ground_labels(self) -> list[str]:
        return [str(Ground(value).label) for value in self.grounds if value in Ground.values]

    @property
    def denial_reason_labels(self) -> list[str]:
        return [
            str(DenialReason(value).label)
            for value in self.denial_reasons
            if value in DenialReason.values
        ]
