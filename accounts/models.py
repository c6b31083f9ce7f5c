"""People and the organizations they belong to."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Collate, Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.us_states import US_STATE_CHOICES


class Role(models.TextChoices):
    """What a signed-in person may do. Who holds which is asked through accounts.permissions."""

    ATTORNEY = "attorney", _("Attorney")
    PRO_SE = "pro_se", _("Pro se")
    EXPERT = "expert", _("Expert")
    CLINIC = "clinic", _("Clinic")
    STAFF = "staff", _("CGRS staff")


# The roles a person registers as (staff is a role, not an account type: an admin makes staff
# accounts), in the words the registration page offers them.
ACCOUNT_TYPE_CHOICES = [
    (Role.ATTORNEY, _("Attorney representing a client")),
    (Role.PRO_SE, _("Asylum seeker representing myself")),
    (Role.EXPERT, _("Expert witness for immigration cases")),
    (Role.CLINIC, _("Organization/clinic offering expert evaluations")),
]
ACCOUNT_TYPES = tuple(value for value, _label in ACCOUNT_TYPE_CHOICES)
ACCOUNT_TYPE_LABELS = dict(ACCOUNT_TYPE_CHOICES)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class OrganizationType(models.TextChoices):
    NONPROFIT = "nonprofit", _("Nonprofit legal services")
    LAW_FIRM = "law_firm", _("Law firm")
    LAW_SCHOOL_CLINIC = "law_school_clinic", _("Law school clinic")
    MEDICAL_CLINIC = "medical_clinic", _("Medical or mental health clinic")
    UNIVERSITY = "university", _("University or research institute")
    GOVERNMENT = "government", _("Public defender or government office")
    OTHER = "other", _("Other")


class Organization(models.Model):
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=32, choices=OrganizationType.choices)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, choices=US_STATE_CHOICES, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified = models.BooleanField(
        default=False, help_text=_("Staff have confirmed this organization exists.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The words of the name, stored so the type-ahead's word-prefix search ('asyl:*') never
    # recomputes them per row.
    name_words = models.GeneratedField(
        expression=SearchVector("name", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        indexes = [
            models.Index(Lower("name"), name="organization_lower_name"),
            # The type-ahead: whole-name prefix and word prefix anywhere in the name
            # ('asyl:*'). Under the C collation one btree serves both LIKE 'abc%' and the
            # ORDER BY, so a prefix search reads only the rows it returns.
            models.Index(Collate(Lower("name"), "C"), name="organization_name_prefix"),
            # fastupdate off: new organizations go straight into the index instead of a
            # pending list that every search would scan (organizations are written rarely).
            GinIndex(fields=["name_words"], name="organization_name_words", fastupdate=False),
        ]

    def __str__(self) -> str:
        place = ", ".join(p for p in (self.city, self.state) if p)
        return f"{self.name} ({place})" if place else self.name


class User(AbstractUser):
    """A person who signs in with an email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    account_type = models.CharField(
        max_length=16,
        choices=ACCOUNT_TYPE_CHOICES,
        blank=True,
        help_text=_("Blank only for CGRS staff accounts, which are created by an admin."),
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    is_solo_practitioner = models.BooleanField(default=False)
    # SECURITY (S16): naming an organization that already has members or a listing is only a
    # claim; it grants nothing (e.g. keeping the clinic's listing) until staff or a verified
    # member of that organization confirm it. Changing organization resets it.
    organization_verified = models.BooleanField(
        _("membership confirmed"),
        default=False,
        help_text=_("Staff or a confirmed member have confirmed this person belongs to it."),
    )
    organization_verified_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization_verified_at = models.DateTimeField(null=True, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    preferred_language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_not_both_org_and_solo",
                condition=~(
                    models.Q(is_solo_practitioner=True) & models.Q(organization__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def role(self) -> str | None:
        if not self.is_authenticated:
            return None
        if self.is_staff:
            return Role.STAFF
        return self.account_type or None

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class FollowUpStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    CLOSED = "closed", _("Closed")


class ProSeFollowUp(models.Model):
    """One per pro se registrant: what they told us at registration and where staff are with
    reaching out to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pro_se_follow_up"
    )
    country_of_origin = CountryField(_("country of origin"), blank=True)
    has_upcoming_hearing = models.BooleanField(_("has an upcoming hearing"), null=True)
    hearing_date = models.DateField(_("hearing date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FollowUpStatus.choices, default=FollowUpStatus.NEW
    )
    notes = models.TextField(_("staff notes"), blank=True)
    staff_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pro se follow-up")
        verbose_name_plural = _("pro se follow-ups")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"], name="followup_status_created")]

    def __str__(self) -> str:
        return f"Pro se follow-up #{self.pk}"
