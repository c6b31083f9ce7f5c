"""Documents for tests: real generated PDFs (documents.samples), stored like uploads."""

import hashlib
from functools import cache

import factory
from django.core.files.base import ContentFile

from documents import samples
from documents.models import Document, DocumentKind, SharePermission
from tests.cases.factories import CaseFactory


@cache
def sample_pdf() -> bytes:
    """One generated immigration-court decision, made once per test process."""
    return samples.decision_pdf()


class DocumentFactory(factory.django.DjangoModelFactory):
    """A stored document as an upload would leave it (the attorney's own, permission Yes)."""

    class Meta:
        model = Document

    case = factory.SubFactory(CaseFactory)
    uploaded_by = factory.SelfAttribute("case.attorney")
    kind = DocumentKind.DECISION
    original_name = "IJ decision.pdf"
    file_format = "pdf"
    share_permission = SharePermission.YES
    content = factory.LazyFunction(sample_pdf)
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name="upload.pdf"))
    size_bytes = factory.LazyAttribute(lambda o: len(o.content))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    page_count = 2

    class Params:
        pass

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.pop("content", None)
        return super()._create(model_class, *args, **kwargs)
