"""The admin speaks the staff member's language: app and model names come from the catalogue,
with plurals written out (Spanish is not the English name plus "s")."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

pytestmark = pytest.mark.django_db

# Our apps are the packages at the top of the repository. A path test ("under BASE_DIR") would
# also take in installed packages when the virtualenv lives inside the checkout, as in CI.
OUR_APPS = {
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).parent == Path(settings.BASE_DIR)
}


def _shown_in_admin():
    """Every model the admin lists or shows inline, from our own apps."""
    models = set()
    for model, model_admin in admin.site._registry.items():
        models.add(model)
        models.update(inline.model for inline in model_admin.inlines)
    return sorted((m for m in models if m._meta.app_label in OUR_APPS), key=lambda m: m._meta.label)


def test_every_app_and_admin_model_name_is_translated():
    for config in apps.get_app_configs():
        if config.label in OUR_APPS:
            assert isinstance(config.verbose_name, Promise), config.label
    for model in _shown_in_admin():
        opts = model._meta
        for name in (opts.verbose_name, opts.verbose_name_plural):
            assert isinstance(name, Promise), opts.label
            with translation.override("es"):
                spanish = str(name)
            assert spanish != str(name), f"{opts.label}: {name!r} has no Spanish"
        # A plural of its own, not the singular with an "s" stuck on.
        assert opts.original_attrs.get("verbose_name_plural"), opts.label


def test_spanish_admin_index_names_apps_and_models_in_spanish(staff_client):
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = staff_client.get(reverse("admin:index")).content.decode()
    for spanish in (
        "Cuentas y organizaciones",
        "Biblioteca de AT",
        "Taxonomía",
        "Etapas procesales",
        "Tipos de persecución",
        "Seguimientos de personas sin abogado",
        "Solicitudes de más ayuda",
        "Asistencia Técnica de CGRS — personal",
        "Selección de contenido",
    ):
        assert spanish in page
    assert "procesals" not in page.lower()
    assert "Accounts and organizations" not in page and "Procedural stages" not in page
