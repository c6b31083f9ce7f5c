"""Role-by-URL expectations for TA Library URLs (see tests/url_matrix.py)."""

import io

from django.core.files.base import ContentFile
from reportlab.pdfgen import canvas

from ta_library.models import Audience
from tests.cases.factories import CaseFactory
from tests.ta_library.factories import ResourceFactory
from tests.url_matrix import Route, expect, only


def _own_case(world):
    return {"number": CaseFactory(attorney=world.users["attorney"]).number}


def _pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Particular social group: a practice advisory.")
    pdf.save()
    return buffer.getvalue()


def _resource(audience, **fields):
    def build(world):
        resource = ResourceFactory(audience=audience, external_url="", **fields)
        resource.file.save("matrix.pdf", ContentFile(_pdf_bytes()), save=True)
        return {"pk": resource.pk}

    return build


# anonymous, attorney, pro se, expert, clinic, staff
ATTORNEY_RESOURCE = expect(302, 200, 403, 404, 404, 200)
EXPERT_RESOURCE = expect(302, 404, 403, 200, 200, 200)
UNPUBLISHED = expect(302, 404, 403, 404, 404, 200)

ROUTES: list[Route] = [
    Route("ta_library:case_library", only("attorney", "staff"), kwargs=_own_case),
    Route(
        "ta_library:case_library",
        only("attorney", "staff"),
        kwargs=_own_case,
        query="type=sample-brief&country=zz&persecution=%3Cscript%3E&page=999&scope=all",
        note="unknown filter values are ignored",
    ),
    Route(
        "ta_library:case_library",
        only("attorney", "staff", status=400),
        kwargs=_own_case,
        query="topic=" + "x" * 5000,
        note="a huge query string is refused with a friendly page",
    ),
    Route("ta_library:browse", only("attorney", "staff")),
    Route("ta_library:browse", only("attorney", "staff"), query="q=asylum&cgrs=1&page=x"),
    Route("ta_library:expert_library", only("expert", "clinic", "staff")),
    Route("ta_library:news", expect(200, 200, 200, 200, 200, 200)),
    Route("ta_library:resource_detail", ATTORNEY_RESOURCE, kwargs=_resource(Audience.ATTORNEYS)),
    Route("ta_library:resource_detail", EXPERT_RESOURCE, kwargs=_resource(Audience.EXPERTS)),
    Route(
        "ta_library:resource_detail",
        UNPUBLISHED,
        kwargs=_resource(Audience.BOTH, is_published=False),
        note="staff preview of an unpublished resource",
    ),
    Route("ta_library:resource_file", ATTORNEY_RESOURCE, kwargs=_resource(Audience.ATTORNEYS)),
    Route("ta_library:resource_file", EXPERT_RESOURCE, kwargs=_resource(Audience.EXPERTS)),
    Route("ta_library:resource_download", ATTORNEY_RESOURCE, kwargs=_resource(Audience.ATTORNEYS)),
    Route(
        "ta_library:resource_download",
        UNPUBLISHED,
        kwargs=_resource(Audience.BOTH, is_published=False),
    ),
]
