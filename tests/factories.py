"""Factories for people and organizations. Each app keeps its own in tests/<app>/factories.py."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import Organization, OrganizationType, Role, User

PASSWORD = "correct-horse-battery-staple"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Immigrant Legal Center {n}")
    type = OrganizationType.NONPROFIT
    city = "Oakland"
    state = "CA"
    verified = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.net")
    full_name = factory.Faker("name")
    account_type = Role.ATTORNEY
    organization = factory.SubFactory(OrganizationFactory)
    # A factory-made member is a confirmed one; pass organization_verified=False for a claim.
    organization_verified = factory.LazyAttribute(lambda user: user.organization is not None)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Pass verified=False to leave the email address unconfirmed."""
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )


class AttorneyFactory(UserFactory):
    account_type = Role.ATTORNEY


class ProSeFactory(UserFactory):
    account_type = Role.PRO_SE
    organization = None


class ExpertFactory(UserFactory):
    account_type = Role.EXPERT


class ClinicFactory(UserFactory):
    account_type = Role.CLINIC


class StaffFactory(UserFactory):
    account_type = ""
    organization = None
    is_staff = True
    # CGRS staff curate everything in the admin.
    is_superuser = True

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        """Staff have TOTP set up unless two_factor=False."""
        if create and extracted is not False:
            TOTP.activate(self, generate_totp_secret())


FACTORY_FOR_ROLE = {
    "attorney": AttorneyFactory,
    "pro_se": ProSeFactory,
    "expert": ExpertFactory,
    "clinic": ClinicFactory,
    "staff": StaffFactory,
}
