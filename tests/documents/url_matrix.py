"""Role-by-URL expectations for the documents app (see tests/url_matrix.py).

SECURITY S4: an original goes to its uploader and staff only. Another attorney, pro se,
expert, clinic or anonymous never gets a document page or file.
"""

from tests.url_matrix import Route, everyone, expect, only

# (anonymous, attorney, pro_se, expert, clinic, staff)
UPLOADER_AND_STAFF = expect(302, 200, 403, 403, 403, 200)
OTHERS_DOCUMENT_FILE = expect(302, 404, 403, 403, 403, 200)
OTHERS_DOCUMENT_PAGE = expect(302, 404, 403, 403, 403, 403)


def _own_case(world):
    from tests.cases.factories import CaseFactory

    return {"number": CaseFactory(attorney=world.users["attorney"]).number}


def _others_case(world):
    from tests.cases.factories import CaseFactory

    return {"number": CaseFactory().number}


def _own_document(world, **fields):
    from tests.cases.factories import CaseFactory
    from tests.documents.factories import DocumentFactory

    case = CaseFactory(attorney=world.users["attorney"])
    return {"public_id": DocumentFactory(case=case, **fields).public_id}


def _others_document(world):
    from tests.documents.factories import DocumentFactory

    return {"public_id": DocumentFactory().public_id}


def _flagged_document(world):
    """The attorney's own PDF with a JavaScript open action (flagged at upload)."""
    from documents import samples

    return _own_document(world, content=samples.javascript_pdf(), has_javascript=True)


ROUTES: list[Route] = [
    Route("documents:add", only("attorney"), kwargs=_own_case),
    Route(
        "documents:add",
        only("attorney"),
        kwargs=_own_case,
        method="post",
        note="no file chosen: the form comes back with a message",
    ),
    Route("documents:add", OTHERS_DOCUMENT_PAGE, kwargs=_others_case),
    Route("documents:add", OTHERS_DOCUMENT_PAGE, kwargs=_others_case, method="post"),
    Route("documents:detail", only("attorney"), kwargs=_own_document),
    Route("documents:detail", OTHERS_DOCUMENT_PAGE, kwargs=_others_document),
    Route(
        "documents:detail",
        OTHERS_DOCUMENT_PAGE,
        kwargs=lambda world: {"public_id": "guessed-id-that-does-not-exist"},
    ),
    Route("documents:file", UPLOADER_AND_STAFF, kwargs=_own_document),
    Route("documents:file", OTHERS_DOCUMENT_FILE, kwargs=_others_document),
    Route(
        "documents:file",
        expect(302, 404, 403, 403, 403, 404),
        kwargs=_flagged_document,
        note="active content: never inline, for anyone",
    ),
    Route("documents:download", UPLOADER_AND_STAFF, kwargs=_own_document),
    Route("documents:download", UPLOADER_AND_STAFF, kwargs=_flagged_document),
    Route("documents:download", OTHERS_DOCUMENT_FILE, kwargs=_others_document),
    Route("documents:permission", only("attorney"), kwargs=_own_document),
    Route(
        "documents:permission",
        only("attorney"),
        kwargs=_own_document,
        method="post",
        note="no choice: the form comes back",
    ),
    Route("documents:permission", OTHERS_DOCUMENT_PAGE, kwargs=_others_document),
    Route("documents:permission", OTHERS_DOCUMENT_PAGE, kwargs=_others_document, method="post"),
    Route("documents:delete", only("attorney"), kwargs=_own_document),
    Route("documents:delete", OTHERS_DOCUMENT_PAGE, kwargs=_others_document),
    Route("documents:delete", OTHERS_DOCUMENT_PAGE, kwargs=_others_document, method="post"),
    Route("documents:staff_queue", only("staff")),
    Route(
        "documents:staff_queue",
        only("staff"),
        query="share_permission=maybe&state=nope&kind=x&country=ZZ&age=forever&page=-3",
        note="bad filters: ignored with a message, never a 500",
    ),
    Route("documents:staff_queue", only("staff"), query="share_permission=yes&state=received"),
    Route("documents:staff_document", only("staff"), kwargs=_others_document),
    Route("documents:staff_not_suitable", everyone(405), kwargs=_others_document),
    Route(
        "documents:staff_not_suitable",
        only("staff", status=400),
        kwargs=_others_document,
        method="post",
        note="no reason given",
    ),
    Route("documents:staff_send_to_redaction", everyone(405), kwargs=_others_document),
    Route(
        "documents:staff_send_to_redaction",
        only("staff", status=302),
        kwargs=_others_document,
        method="post",
    ),
]
