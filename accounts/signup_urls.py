"""Registration, mounted at /accounts/signup/ ahead of allauth's own URLs: the account type
is chosen first, then the form for that type (still allauth's signup underneath)."""

from django.urls import path, re_path

from accounts import views
from accounts.models import ACCOUNT_TYPES

TYPES = "|".join(ACCOUNT_TYPES)

urlpatterns = [
    path("", views.signup_choose, name="account_signup"),
    re_path(rf"^(?P<account_type>{TYPES})/$", views.registration, name="account_signup_type"),
]
