"""Redaction records for tests, built from real generated PDFs."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from documents.models import DocumentState
from redaction.models import Redaction, RedactionState
from tests.documents.factories import DocumentFactory, sample_pdf
from tests.factories import StaffFactory


def store_derivative(data: bytes) -> str:
    return default_storage.save("redactions/test.pdf", ContentFile(data))


def published_redaction(*, data: bytes | None = None, document=None, **fields) -> Redaction:
    """A record as publishing leaves it (without a library resource): permission Yes, built,
    checked on its stored bytes, approved by a second staff member. Uses `data` (default: a
    generated decision) as the derivative's bytes."""
    data = data if data is not None else sample_pdf()
    digest = hashlib.sha256(data).hexdigest()
    document = document or DocumentFactory(state=DocumentState.PUBLISHED)
    now = timezone.now()
    values = {
        "document": document,
        "state": RedactionState.PUBLISHED,
        "redactor": StaffFactory(),
        "reviewer": StaffFactory(),
        "approved_at": now,
        "derivative": store_derivative(data),
        "derivative_sha256": digest,
        "built_at": now,
        "check_passed": True,
        "check_sha256": digest,
        "checked_at": now,
        "published_at": now,
    }
    values.update(fields)
    return Redaction.objects.create(**values)
