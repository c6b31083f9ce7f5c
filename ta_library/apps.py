from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaLibraryConfig(AppConfig):
    name = "ta_library"
    verbose_name = _("TA Library")

    def ready(self):
        from taxonomy.signals import terms_changed

        terms_changed.connect(_terms_changed, dispatch_uid="ta_library.catalogue_changed")


def _terms_changed(sender, **kwargs):
    """Filters show term names and slugs from per-process bitmaps: rebuild them everywhere."""
    from ta_library.services import catalogue_changed

    catalogue_changed()
