from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CgrsConfig(AppConfig):
    name = "cgrs"
    verbose_name = _("Site")
    default = True


class CgrsAdminConfig(admin_apps.AdminConfig):
    """The admin, behind allauth's sign-in and staff two-factor (see cgrs.admin_site)."""

    default = False
    default_site = "cgrs.admin_site.CgrsAdminSite"
