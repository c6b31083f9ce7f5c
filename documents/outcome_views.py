"""Reporting an outcome for one of the attorney's cases, with the case documents that came
with it.

The page composes the outcome form (outcomes) and the document rows (documents), so it lives
here, in the app built on outcomes: outcomes itself never imports documents.
"""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Role
from accounts.permissions import role_required
from audit.models import AuditAction
from cases.models import Case
from cases.selectors import fetch_case
from documents import selectors as document_selectors
from documents.forms import ROWS_ON_OUTCOME_FORM, document_rows
from documents.services import outcome_report_with_documents
from documents.views import discard_pending, keep_accepted_files, stored_message
from outcomes.forms import OutcomeForm


def _token(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY)
def outcome_create_view(request, number: int):
    """Add an outcome (or another one) to one of the attorney's cases.

    Straight after an intake (?from=intake) the attorney continues to the case's TA Library;
    otherwise back to the case record.
    """
    action = AuditAction.CREATE if request.method == "POST" else AuditAction.READ
    case = fetch_case(
        request,
        number,
        action=action,
        queryset=Case.objects.select_related("procedural_stage").prefetch_related("outcomes"),
    )
    from_intake = request.GET.get("from") == "intake"
    if request.method == "POST":
        form = OutcomeForm(request.POST)
        # The outcome's documents: each file checked by content; a refused one sends the
        # form back with every other answer, and the accepted files kept server-side.
        rows = document_rows(request.POST, request.FILES, extra=ROWS_ON_OUTCOME_FORM)
        discard_pending(request)
        token = _token(request.POST.get("submission_token"))
        form_ok, rows_ok = form.is_valid(), rows.is_valid()
        if form_ok and rows_ok:
            reported, stored = outcome_report_with_documents(
                case=case,
                reporter=request.user,
                answers=form.outcome_answers(),
                uploads=rows.accepted(),
                pending=document_selectors.pending_uploads(
                    uploader=request.user, case=case, token=token
                ),
            )
            if reported.created:
                messages.success(request, _("Thank you: the outcome was saved."))
            else:
                messages.info(request, _("This outcome had already been saved."))
            stored_message(request, stored)
            if reported.stage_change is not None:
                messages.info(
                    request,
                    _("The case's procedural stage is now: %(stage)s.")
                    % {"stage": reported.stage_change.changes[0]["new"]},
                )
            if from_intake:
                return redirect("ta_library:case_library", number=case.number)
            return redirect("cases:detail", number=case.number)
        keep_accepted_files(request, case=case, token=token, rows=rows)
        pending = document_selectors.pending_uploads(uploader=request.user, case=case, token=token)
    else:
        form = OutcomeForm(initial={"submission_token": uuid.uuid4()})
        rows = document_rows(extra=ROWS_ON_OUTCOME_FORM)
        pending = []
    return render(
        request,
        "outcomes/outcome_form.html",
        {
            "case": case,
            "form": form,
            "from_intake": from_intake,
            "rows": rows,
            "pending": pending,
        },
    )
