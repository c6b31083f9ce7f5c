from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CgrsConfig(AppConfig):
    name = "cgrs"
    verbose_name = "Site"
    default = True


class CgrsAdminConfig(admin_apps.AdminConfig):
    """The admin, behind allauth's sign-in and staff two-factor (see cgrs.admin_site)."""

    default = False
    default_site = "cgrs.admin_site.CgrsAdminSite"
