"""The redaction workbench and review pages (CGRS staff only). Thin: parse, fetch, call a
service, render. Every page that shows the document is fetched through
`documents.selectors.fetch_document` (scoped and audited); pages that show identifiers are
never cached by the browser."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Role
from accounts.permissions import role_required
from audit.models import AuditAction
from cgrs.partials import render_page
from documents.models import Document
from documents.selectors import fetch_document
from redaction import forms, rules, services
from redaction.models import ProposalDecision, Redaction, RedactionState

TEMPLATE = "redaction/workbench.html"
REVIEW_TEMPLATE = "redaction/review.html"
REGIONS = frozenset({"status"})
# Rendered widths (pixels) the page-image view serves: thumbnails and the working view.
IMAGE_WIDTHS = {"thumb": 120, "full": 1000}
IMAGE_CACHE_SECONDS = 60 * 60


def _document(request, public_id: str, *, action=AuditAction.READ) -> Document:
    return fetch_document(
        request, public_id, action=action, queryset=Document.objects.select_related("case")
    )


def _redaction(document: Document) -> Redaction:
    redaction = Redaction.objects.filter(document=document).first()
    if redaction is None:
        raise Http404
    redaction.document = document
    return redaction


def _page_number(request, redaction: Redaction | None, document: Document) -> int:
    count = (redaction.page_count if redaction else None) or document.page_count or 1
    try:
        number = int(request.GET.get("page") or request.POST.get("page") or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), count)


def _workbench_url(document: Document, page: int | None = None) -> str:
    url = reverse("redaction:workbench", args=[document.public_id])
    return f"{url}?page={page}" if page and page > 1 else url


def _private(response):
    # SECURITY: the page shows identifiers and case content: never stored by a browser.
    response.headers["Cache-Control"] = "no-store"
    return response


def _page_summary(redaction: Redaction) -> dict[int, dict]:
    """Per page: proposals waiting and boxes, for the thumbnails (two queries)."""
    summary: dict[int, dict] = {}
    for row in (
        redaction.proposals.values("page_index")
        .annotate(
            pending=Count("pk", filter=Q(decision=ProposalDecision.PENDING)),
            accepted=Count("pk", filter=Q(decision=ProposalDecision.ACCEPTED)),
        )
        .order_by()
    ):
        summary[row["page_index"]] = {"pending": row["pending"], "covered": row["accepted"]}
    for row in redaction.boxes.values("page_index").annotate(n=Count("pk")).order_by():
        entry = summary.setdefault(row["page_index"], {"pending": 0, "covered": 0})
        entry["covered"] += row["n"]
    return summary


def _pages(redaction: Redaction, document: Document, summary: dict) -> list[dict]:
    count = redaction.page_count or document.page_count or 1
    return [
        {"number": index + 1, **summary.get(index, {"pending": 0, "covered": 0})}
        for index in range(count)
    ]


def _context(request, document: Document, redaction: Redaction | None, page: int) -> dict:
    context = {"document": document, "redaction": redaction, "page": page}
    if redaction is None:
        return context
    summary = _page_summary(redaction)
    pages = _pages(redaction, document, summary)
    width, height = redaction.page_size(page - 1)
    context.update(
        pages=pages,
        page_count=len(pages),
        width=width,
        height=height,
        proposals=list(redaction.proposals.filter(page_index=page - 1)),
        boxes=list(redaction.boxes.filter(page_index=page - 1)),
        pending_total=sum(p["pending"] for p in pages),
        editable=rules.may_edit(redaction),
        findings=redaction.check_findings,
        previous_page=page - 1 if page > 1 else None,
        next_page=page + 1 if page < len(pages) else None,
    )
    if rules.may_edit(redaction):
        context.update(
            identifiers_form=forms.IdentifiersForm(
                initial_identifiers=services.identifiers_of(redaction)
            ),
            box_form=forms.BoxForm(initial={"page": page, "mode": "box"}),
            occurrences_form=forms.OccurrencesForm(),
        )
    return context


@require_safe
@role_required(Role.STAFF)
def workbench(request, public_id: str):
    """One page of the document at a time with its proposals and boxes, thumbnails of every
    page, the identifiers, and the steps (detect, build, check) with their progress."""
    document = _document(request, public_id)
    redaction = Redaction.objects.filter(document=document).first()
    if redaction is not None:
        redaction.document = document
    page = _page_number(request, redaction, document)
    context = _context(request, document, redaction, page)
    return _private(render_page(request, TEMPLATE, context, regions=REGIONS))


@require_safe
@role_required(Role.STAFF)
def status(request, public_id: str):
    """The progress region alone (polled by the script while a task runs). Shows no content
    of the document, so it is not audited as a read of it."""
    document = Document.objects.for_user(request.user).filter(public_id=public_id[:32]).first()
    if document is None:
        raise Http404
    redaction = _redaction(document)
    if request.headers.get("X-Partial") != "status":
        # Opened as a page (a bookmark, no script): the workbench shows the same status.
        return redirect(_workbench_url(document))
    context = {"document": document, "redaction": redaction, "page": 1}
    return _private(render_page(request, TEMPLATE + "#status", context))


def _png_response(data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="image/png")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return _private(response)


def _rendered(pdf: bytes, digest: str, index: int, size: str) -> bytes:
    """A page rendered by the engine, cached by the file's hash (no case detail in the key)."""
    from redaction.engine.pages import render_page_png

    key = f"redaction:png:{digest}:{index}:{size}"
    data = cache.get(key)
    if data is None:
        data = render_page_png(pdf, index, width_px=IMAGE_WIDTHS[size])
        cache.set(key, data, IMAGE_CACHE_SECONDS)
    return data


def _image_size(request) -> str:
    size = request.GET.get("size", "full")
    return size if size in IMAGE_WIDTHS else "full"


@require_safe
@role_required(Role.STAFF)
def page_image(request, public_id: str, number: int):
    """A page of the original as a PNG, for staff (scoped fetch, audited)."""
    document = _document(request, public_id)
    count = document.page_count or 0
    redaction = Redaction.objects.filter(document=document).only("page_count").first()
    if redaction is not None and redaction.page_count:
        count = redaction.page_count
    if not 1 <= number <= max(count, 1):
        raise Http404
    size = _image_size(request)
    key = f"redaction:png:{document.sha256}:{number - 1}:{size}"
    data = cache.get(key)
    if data is None:
        with document.file.open("rb") as handle:
            pdf = handle.read()
        data = _rendered(pdf, document.sha256, number - 1, size)
    return _png_response(data)


@require_safe
@role_required(Role.STAFF)
def derivative_image(request, public_id: str, number: int):
    """A page of the built derivative as a PNG, for the reviewer; refused when the stored
    bytes no longer match their hash."""
    document = _document(request, public_id)
    redaction = _redaction(document)
    if not redaction.derivative_sha256 or not 1 <= number <= (redaction.page_count or 1):
        raise Http404
    size = _image_size(request)
    key = f"redaction:png:{redaction.derivative_sha256}:{number - 1}:{size}"
    data = cache.get(key)
    if data is None:
        with redaction.derivative.open("rb") as handle:
            pdf = handle.read()
        # SECURITY: what the reviewer sees is what the hash names (S6).
        if hashlib.sha256(pdf).hexdigest() != redaction.derivative_sha256:
            raise Http404
        data = _rendered(pdf, redaction.derivative_sha256, number - 1, size)
    return _png_response(data)


def _refusal_message(error) -> str:
    if isinstance(error, ValidationError):
        return error.messages[0]
    return str(error)


def _post(request, public_id: str):
    document = _document(request, public_id, action=AuditAction.UPDATE)
    return document, _page_number(
        request, Redaction.objects.filter(document=document).first(), document
    )


@require_POST
@role_required(Role.STAFF)
def start(request, public_id: str):
    document = _document(request, public_id, action=AuditAction.UPDATE)
    try:
        services.redaction_start(document=document, actor=request.user)
    except services.RedactionRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(_workbench_url(document))


def _act(request, public_id: str, action, success: str | None = None):
    """Run `action(redaction)`; show its refusal, or `success`; back to the same page."""
    document, page = _post(request, public_id)
    redaction = _redaction(document)
    try:
        action(redaction)
    except (services.RedactionRefused, ValidationError) as error:
        messages.error(request, _refusal_message(error))
    else:
        if success:
            messages.success(request, success)
    return redirect(_workbench_url(document, page))


@require_POST
@role_required(Role.STAFF)
def identifiers(request, public_id: str):
    form = forms.IdentifiersForm(request.POST)
    if not form.is_valid():
        document, page = _post(request, public_id)
        for error in form.non_field_errors() or [_("Check the identifiers.")]:
            messages.error(request, error)
        return redirect(_workbench_url(document, page))
    return _act(
        request,
        public_id,
        lambda r: services.identifiers_set(
            redaction=r, actor=request.user, identifiers=form.cleaned_data["identifiers"]
        ),
        _("Identifiers saved; finding them on every page."),
    )


@require_POST
@role_required(Role.STAFF)
def detect(request, public_id: str):
    return _act(
        request,
        public_id,
        lambda r: services.redaction_detect(redaction=r, actor=request.user),
        _("Finding identifiers on every page."),
    )


@require_POST
@role_required(Role.STAFF)
def proposals(request, public_id: str):
    form = forms.ProposalsForm(request.POST, proposal_ids=request.POST.getlist("proposal"))

    def decide(redaction):
        if not form.is_valid():
            raise ValidationError(_("Choose proposals to accept or reject."))
        accepted, rejected = form.decisions()
        if not accepted and not rejected:
            raise ValidationError(_("Tick the proposals first, then accept or reject them."))
        services.proposals_decide(
            redaction=redaction, actor=request.user, accepted=accepted, rejected=rejected
        )

    return _act(request, public_id, decide)


@require_POST
@role_required(Role.STAFF)
def box_add(request, public_id: str):
    form = forms.BoxForm(request.POST)

    def add(redaction):
        if not form.is_valid():
            raise ValidationError(_("Give the box's four edges in points."))
        data = form.cleaned_data
        edges = {key: data[key] for key in ("x0", "y0", "x1", "y1")}
        if data["mode"] == "line":
            services.box_whole_line(
                redaction=redaction, actor=request.user, page_index=data["page"] - 1, **edges
            )
        else:
            services.box_add(
                redaction=redaction, actor=request.user, page_index=data["page"] - 1, **edges
            )

    return _act(request, public_id, add, _("Box added."))


@require_POST
@role_required(Role.STAFF)
def box_page(request, public_id: str):
    form = forms.PageForm(request.POST)

    def cover(redaction):
        if not form.is_valid():
            raise ValidationError(_("That page is not in the document."))
        services.box_whole_page(
            redaction=redaction, actor=request.user, page_index=form.cleaned_data["page"] - 1
        )

    return _act(request, public_id, cover, _("The whole page will be covered."))


@require_POST
@role_required(Role.STAFF)
def occurrences(request, public_id: str):
    form = forms.OccurrencesForm(request.POST)
    added = []

    def cover(redaction):
        if not form.is_valid():
            raise ValidationError(_("Enter the words to cover."))
        count = services.boxes_every_occurrence(
            redaction=redaction, actor=request.user, term=form.cleaned_data["term"]
        )
        added.append(count)
        if not count:
            raise ValidationError(_("Not found on any page."))

    response = _act(request, public_id, cover)
    if added and added[0]:
        messages.success(request, _("%(count)s boxes added.") % {"count": added[0]})
    return response


@require_POST
@role_required(Role.STAFF)
def box_delete(request, public_id: str, box_id: int):
    return _act(
        request,
        public_id,
        lambda r: services.box_remove(redaction=r, actor=request.user, box_id=box_id),
        _("Box removed."),
    )


@require_POST
@role_required(Role.STAFF)
def build(request, public_id: str):
    return _act(
        request,
        public_id,
        lambda r: services.redaction_build(redaction=r, actor=request.user),
        _("Building the redacted file; the check runs next."),
    )


# --- Review and publishing -------------------------------------------------------------------


@require_safe
@role_required(Role.STAFF)
def review(request, public_id: str):
    """The derivative page by page, for the second staff member; approve or send back; then
    publish with a title and summary."""
    document = _document(request, public_id)
    redaction = _redaction(document)
    page = _page_number(request, redaction, document)
    count = redaction.page_count or 1
    context = {
        "document": document,
        "redaction": redaction,
        "page": page,
        "pages": range(1, count + 1),
        "page_count": count,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if page < count else None,
        "may_review": rules.may_review(redaction, request.user),
        "is_redactor": redaction.redactor_id == request.user.pk,
        "may_publish": rules.may_publish(redaction),
        "publish_form": forms.PublishForm(),
        "has_derivative": bool(redaction.derivative_sha256)
        and redaction.state
        in (RedactionState.AWAITING_REVIEW, RedactionState.APPROVED, RedactionState.PUBLISHED),
    }
    return _private(render_page(request, REVIEW_TEMPLATE, context))


def _review_url(document: Document) -> str:
    return reverse("redaction:review", args=[document.public_id])


def _review_act(request, public_id: str, action, success: str):
    document = _document(request, public_id, action=AuditAction.UPDATE)
    redaction = _redaction(document)
    try:
        action(redaction)
    except (services.RedactionRefused, ValidationError) as error:
        messages.error(request, _refusal_message(error))
    else:
        messages.success(request, success)
    return redirect(_review_url(document))


@require_POST
@role_required(Role.STAFF)
def approve(request, public_id: str):
    return _review_act(
        request,
        public_id,
        lambda r: services.redaction_approve(redaction=r, reviewer=request.user),
        _("Approved. It can now be published."),
    )


@require_POST
@role_required(Role.STAFF)
def send_back(request, public_id: str):
    return _review_act(
        request,
        public_id,
        lambda r: services.redaction_send_back(redaction=r, reviewer=request.user),
        _("Sent back to redaction."),
    )


@require_POST
@role_required(Role.STAFF)
def publish(request, public_id: str):
    form = forms.PublishForm(request.POST)

    def run(redaction):
        if not form.is_valid():
            raise ValidationError(_("Give the sample a title and a summary."))
        services.redaction_publish(
            redaction=redaction,
            actor=request.user,
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
        )

    return _review_act(request, public_id, run, _("Published to the TA Library."))
