"""Reporting an outcome for one of the attorney's cases."""

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
from outcomes.forms import OutcomeForm
from outcomes.services import outcome_create


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
        if form.is_valid():
            reported = outcome_create(case=case, reporter=request.user, **form.outcome_answers())
            if reported.created:
                messages.success(request, _("Thank you: the outcome was saved."))
            else:
                messages.info(request, _("This outcome had already been saved."))
            if reported.stage_change is not None:
                messages.info(
                    request,
                    _("The case's procedural stage is now: %(stage)s.")
                    % {"stage": reported.stage_change.changes[0]["new"]},
                )
            if from_intake:
                return redirect("ta_library:case_library", number=case.number)
            return redirect("cases:detail", number=case.number)
    else:
        form = OutcomeForm(initial={"submission_token": uuid.uuid4()})
    return render(
        request,
        "outcomes/outcome_form.html",
        {"case": case, "form": form, "from_intake": from_intake},
    )
