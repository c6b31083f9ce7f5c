from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedactionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redaction"
    verbose_name = _("Redaction")

    def ready(self):
        from documents.extensions import follow_withdrawals
        from redaction.rules import may_serve_sample, may_show_sample_page
        from redaction.services import redaction_withdraw_for_document
        from ta_library.extensions import judge_samples_with

        # Documents calls this through documents.extensions, so it never imports redaction.
        follow_withdrawals(redaction_withdraw_for_document)
        # The library shows a published sample's page and sends its file only as these
        # rules allow, through ta_library.extensions, so ta_library never imports
        # redaction (unregistered, it shows and sends no sample at all).
        judge_samples_with(may_show_sample_page, may_serve_sample)
