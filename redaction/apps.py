from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedactionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redaction"
    verbose_name = _("Redaction")

    def ready(self):
        # Documents calls this through documents.extensions, so it never imports redaction.
        from documents.extensions import follow_withdrawals
        from redaction.services import redaction_withdraw_for_document

        follow_withdrawals(redaction_withdraw_for_document)
