"""Authentication backends that load the signed-in user together with the two facts every
role check needs (a verified email address; for staff, a TOTP authenticator), so a page
pays one query for "who is this and may they in" instead of three."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import Exists, OuterRef

# Attribute names read by accounts.permissions; set only on users loaded here.
VERIFIED_EMAIL = "access_has_verified_email"
TWO_FACTOR = "access_has_two_factor"


def users_with_access_facts():
    return get_user_model()._default_manager.annotate(
        **{
            VERIFIED_EMAIL: Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
            TWO_FACTOR: Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        }
    )


class AccessFactsMixin:
    def get_user(self, user_id):
        user = users_with_access_facts().filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(AccessFactsMixin, DjangoModelBackend):
    pass


class AuthenticationBackend(AccessFactsMixin, AllauthBackend):
    pass
