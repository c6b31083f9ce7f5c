"""A case submitted through the intake, its deadlines and the history of its edits.

No client name, A-number or date of birth is ever stored: the five-digit case number is the
only handle on a case.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.permissions import is_cgrs_staff
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType

CASE_NUMBER_MIN = 10000
CASE_NUMBER_MAX = 99999


class CaseQuerySet(models.QuerySet):
    def for_user(self, user):
        """The cases `user` may see: staff see all, attorneys their own, others none."""
        if not user.is_authenticated:
            return self.none()
        if is_cgrs_staff(user):
            return self
        # SECURITY: an attorney only ever reaches their own cases (S2).
        return self.filter(attorney=user)


class DetentionStatus(models.TextChoices):
    DETAINED = "detained", _("Detained")
    NOT_DETAINED = "not_detained", _("Not detained")
    RELEASED = "released", _("Previously detained, now released")
    UNKNOWN = "unknown", _("Don't know")


class ClientGender(models.TextChoices):
    WOMAN = "woman", _("Woman or girl")
    MAN = "man", _("Man or boy")
    TRANSGENDER = "transgender", _("Transgender")
    NONBINARY = "nonbinary", _("Nonbinary or another gender identity")


class AgeGroup(models.TextChoices):
    CHILD = "child", _("Child (under 18)")
    YOUNG_ADULT = "young_adult", _("Young adult (18–25)")
    ADULT = "adult", _("Adult (26–64)")
    OLDER_ADULT = "older_adult", _("Older adult (65 or over)")


class AlertFrequency(models.TextChoices):
    """How often an attorney hears about new resources in a case's library (alerts app)."""

    OFF = "off", _("Off")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Case(models.Model):
    number = models.PositiveIntegerField(unique=True, help_text="Five-digit CGRS case number.")
    attorney = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases"
    )
    country_of_origin = CountryField()
    persecution_types = models.ManyToManyField(PersecutionType, related_name="cases")
    protection_types = models.ManyToManyField(ProtectionType, related_name="cases")
    procedural_stage = models.ForeignKey(ProceduralStage, on_delete=models.PROTECT)
    detention_status = models.CharField(
        max_length=16, choices=DetentionStatus.choices, default=DetentionStatus.UNKNOWN
    )
    # Optional, used only by staff when curating; never shown to anyone but the attorney.
    client_gender = models.CharField(max_length=16, choices=ClientGender.choices, blank=True)
    age_group_at_harm = models.CharField(max_length=16, choices=AgeGroup.choices, blank=True)
    outcome_rendered = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    # Issued with the intake form; a resubmission of the same form finds the case it made.
    intake_token = models.UUIDField(null=True, blank=True, editable=False)
    # Alerts (see alerts.digests): new cases alert weekly, or as their attorney's one
    # setting says (AlertDefault); cases from before alerts existed start off.
    alert_frequency = models.CharField(
        max_length=8,
        choices=AlertFrequency.choices,
        default=AlertFrequency.WEEKLY,
        # Also in the database, for rows inserted in SQL (bulk tools, tests).
        db_default=AlertFrequency.WEEKLY,
    )
    # When alerts were last turned on: counts as activity for the idle rule.
    alert_since = models.DateTimeField(null=True, blank=True)
    # When a digest last warned that this case's library sits unopened (alerts.digests).
    alert_idle_warned_at = models.DateTimeField(null=True, blank=True)
    # Set when a final outcome is reported or the attorney closes the case: no more alerts.
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                name="case_number_five_digits",
                condition=models.Q(number__gte=CASE_NUMBER_MIN, number__lte=CASE_NUMBER_MAX),
            ),
            models.UniqueConstraint(
                fields=["attorney", "intake_token"], name="case_intake_token_once_per_attorney"
            ),
        ]

    def __str__(self) -> str:
        return f"Case {self.number}"


class AlertDefault(models.Model):
    """An attorney's one alert setting (My Account, or turning alerts off from an email):
    the frequency their new cases start with. Without a row new cases alert weekly."""

    attorney = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(max_length=8, choices=AlertFrequency.choices)

    def __str__(self) -> str:
        return f"alerts {self.frequency} for new cases of user {self.attorney_id}"


class Deadline(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    due_on = models.DateField()
    description = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.description}"


class ChangeSource(models.TextChoices):
    INTAKE = "intake", _("Intake submitted")
    EDIT = "edit", _("Case edited")
    OUTCOME = "outcome", _("Outcome reported")


class CaseChange(models.Model):
    """One entry in a case's history: who changed what, when, with old and new values.

    Written by the services that change a case (never by signals), in the same transaction.
    `changes` is a list of {"field", "label", "old", "new"} with display values.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=16, choices=ChangeSource.choices)
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("case history entry")
        verbose_name_plural = _("case history entries")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case} {self.source} at {self.changed_at:%Y-%m-%d %H:%M}"
