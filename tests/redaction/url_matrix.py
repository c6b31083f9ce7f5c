"""Role-by-URL expectations for the redaction workbench (see tests/url_matrix.py).

SECURITY S4: the workbench shows originals and identifiers: CGRS staff only. Everyone else
is sent to sign in or refused, whatever the document.
"""

from tests.url_matrix import Route, everyone, only


def _document(world, **fields):
    from tests.documents.factories import DocumentFactory

    return DocumentFactory(**fields)


def _not_started(world):
    return {"public_id": _document(world).public_id}


def _redacting(world):
    from documents.models import DocumentState
    from redaction.models import Redaction, RedactionState

    document = _document(world, state=DocumentState.IN_REDACTION)
    Redaction.objects.create(document=document, state=RedactionState.REDACTING, page_count=2)
    return {"public_id": document.public_id}


def _published(world):
    from documents.models import DocumentState
    from tests.redaction.factories import published_redaction

    document = _document(world, state=DocumentState.PUBLISHED)
    return {"public_id": published_redaction(document=document).document.public_id}


def _box(world):
    from redaction.models import Redaction, StaffBox

    kwargs = _redacting(world)
    redaction = Redaction.objects.get(document__public_id=kwargs["public_id"])
    box = StaffBox.objects.create(redaction=redaction, page_index=0, x0=10, y0=10, x1=90, y1=30)
    return {**kwargs, "box_id": box.pk}


def _page(builder):
    return lambda world: {**builder(world), "number": 1}


POSTS = [
    "redaction:identifiers",
    "redaction:detect",
    "redaction:proposals",
    "redaction:box_add",
    "redaction:box_page",
    "redaction:occurrences",
    "redaction:build",
    "redaction:approve",
    "redaction:send_back",
    "redaction:publish",
]

ROUTES: list[Route] = [
    Route("redaction:workbench", only("staff"), kwargs=_not_started),
    Route("redaction:workbench", only("staff"), kwargs=_redacting),
    Route("redaction:workbench", only("staff"), kwargs=_redacting, query="page=99"),
    Route("redaction:workbench", only("staff"), kwargs=_published, query="page=x"),
    Route(
        "redaction:workbench",
        only("staff", status=404),
        kwargs=lambda world: {"public_id": "guessed-id-that-does-not-exist"},
    ),
    # Only the script's request (X-Partial: status) gets the region; a page visit goes to
    # the workbench.
    Route("redaction:status", only("staff", status=302), kwargs=_redacting),
    Route(
        "redaction:status",
        only("staff"),
        kwargs=_redacting,
        extra={"HTTP_X_PARTIAL": "status"},
    ),
    Route("redaction:status", only("staff", status=404), kwargs=_not_started),
    Route("redaction:page_image", only("staff"), kwargs=_page(_redacting)),
    Route(
        "redaction:page_image",
        only("staff", status=404),
        kwargs=lambda world: {**_redacting(world), "number": 9},
        note="no such page",
    ),
    Route("redaction:review", only("staff"), kwargs=_published),
    Route("redaction:review", only("staff"), kwargs=_redacting),
    Route("redaction:review", only("staff", status=404), kwargs=_not_started),
    Route("redaction:derivative_image", only("staff"), kwargs=_page(_published)),
    Route("redaction:derivative_image", only("staff", status=404), kwargs=_page(_redacting)),
    Route("redaction:start", everyone(405), kwargs=_not_started),
    Route("redaction:start", only("staff", status=302), kwargs=_not_started, method="post"),
    Route("redaction:box_delete", everyone(405), kwargs=_box),
    Route("redaction:box_delete", only("staff", status=302), kwargs=_box, method="post"),
    *[Route(name, everyone(405), kwargs=_redacting) for name in POSTS],
    *[
        Route(name, only("staff", status=302), kwargs=_redacting, method="post", note="empty")
        for name in POSTS
    ],
    *[Route(name, only("staff", status=404), kwargs=_not_started, method="post") for name in POSTS],
]
