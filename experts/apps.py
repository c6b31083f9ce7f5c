from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "experts"
    verbose_name = _("Expert Witness Database")

    def ready(self):
        from django.db.models.signals import post_delete

        from experts.models import Listing
        from taxonomy.signals import terms_changed

        # A listing is deleted from the admin, or with the user or organization that keeps
        # it (a cascade from accounts, which knows nothing of listings): Django sends this
        # inside the deleting transaction, once per listing, so the new version commits
        # with the deletion.
        post_delete.connect(_listings_changed, sender=Listing, dispatch_uid="experts.deleted")
        # A deleted topic term takes its links to listings with it.
        terms_changed.connect(_listings_changed, dispatch_uid="experts.terms_changed")


def _listings_changed(sender, **kwargs):
    from experts.services.listings_version import listings_changed

    listings_changed()
