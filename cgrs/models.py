"""Site-wide plumbing: the task outbox, and the version stamp per-process caches key on."""

from typing import ClassVar

from django.db import models


class VersionStamp(models.Model):
    """One row whose number every write to some data sets, in the write's own transaction,
    so each process knows when what it built from that data is out of date
    (cgrs.versioned_cache: `stamp_bump`, `stamp_read`). The number comes from the database
    sequence `SEQUENCE` (created by the subclass's migration), so it is never reused."""

    SEQUENCE: ClassVar[str]

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField(default=1)

    class Meta:
        abstract = True


class OutboxMessage(models.Model):
    """A task to send to the broker, written in the same transaction as the data it concerns.

    Saving never depends on the broker (SECURITY S13): if Redis is down when the transaction
    commits, the row stays unsent and the relay sends it once Redis is back. Arguments are
    primary keys only, never personal data.
    """

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_unsent",
                condition=models.Q(sent_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)}"
