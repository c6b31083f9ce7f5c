"""The audit trail (SECURITY S12): who read or changed which record, and whether it was allowed.

Rows carry ids and outcomes of access checks only, never case content. The database refuses
UPDATE and DELETE on this table (see migration 0002), so the application cannot rewrite them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("Read")
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    # Documents: a file streamed to the person (inline or as a download), a deletion.
    DOWNLOAD = "download", _("Download")
    DELETE = "delete", _("Delete")
    # Redaction (issue 13): each step of the workflow, who and when, never what was found.
    DETECT = "detect", _("Detect")
    BOX = "box", _("Change boxes")
    BUILD = "build", _("Build")
    CHECK = "check", _("Check")
    APPROVE = "approve", _("Approve")
    PUBLISH = "publish", _("Publish")
    WITHDRAW = "withdraw", _("Withdraw")


class AuditResult(models.TextChoices):
    ALLOWED = "allowed", _("Allowed")
    DENIED = "denied", _("Denied")


class AuditEvent(models.Model):
    # No database constraint and DO_NOTHING: deleting a user must neither fail nor touch the
    # (immutable) rows that record what they did.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_role = models.CharField(max_length=16, blank=True)
    object_type = models.CharField(max_length=32)
    # The identifier the request named (a case number, an outcome id); for a denied read it
    # may name nothing that exists.
    object_id = models.CharField(max_length=32)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    result = models.CharField(max_length=8, choices=AuditResult.choices)
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} {self.object_type} {self.object_id}: {self.result}"
