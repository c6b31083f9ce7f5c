"""Alert pages: the new resources of an attorney's cases, the settings, unsubscribing.

Thin: each view parses the request, reads through a selector or writes through a service.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role, User
from accounts.permissions import role_required
from alerts.forms import AlertFrequencyForm, AllCasesAlertForm
from alerts.selectors import new_resources
from alerts.tokens import unsubscribe_user_id
from audit.models import AuditAction
from cases.models import AlertFrequency
from cases.selectors import fetch_case
from cases.services import attorney_set_alert_frequency, case_set_alert_frequency


@require_safe
@role_required(Role.ATTORNEY)
def new_resources_list(request):
    """What the digest links to: per open case, the resources new since the last visit."""
    return render(request, "alerts/new_resources.html", {"news": new_resources(request.user)})


@require_POST
@role_required(Role.ATTORNEY)
def case_alerts(request, number: int):
    """The alert setting on a case record."""
    # SECURITY: the owner-scoped fetch is the authorization (another attorney's case: 404).
    case = fetch_case(request, number, action=AuditAction.UPDATE)
    form = AlertFrequencyForm(request.POST)
    if form.is_valid():
        case_set_alert_frequency(case=case, frequency=form.cleaned_data["alert_frequency"])
        messages.success(request, _("Alert setting saved."))
    else:
        messages.error(request, _("Choose off, daily or weekly."))
    return redirect("cases:detail", number=case.number)


@require_POST
@role_required(Role.ATTORNEY)
def all_cases_alerts(request):
    """The one setting in My Account for all the attorney's open (and future) cases."""
    form = AllCasesAlertForm(request.POST)
    if form.is_valid():
        count = attorney_set_alert_frequency(
            attorney=request.user, frequency=form.cleaned_data["alert_frequency"]
        )
        messages.success(
            request,
            _("Alert setting saved for %(count)s open cases and your new cases.")
            % {"count": count},
        )
    else:
        messages.error(request, _("Choose off, daily or weekly."))
    return redirect("accounts:my_account")


@csrf_exempt  # SECURITY: the signed, expiring token in the URL is the authority (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """Turn off alerts from the email. GET only shows a page with one button, so a link
    scanner opening the link changes nothing; the POST (the button, or a mail client's
    one-click "List-Unsubscribe=One-Click") turns off every case's alerts."""
    user_id = unsubscribe_user_id(token)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return render(request, "alerts/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        attorney_set_alert_frequency(attorney=user, frequency=AlertFrequency.OFF)
        return render(request, "alerts/unsubscribe.html", {"done": True})
    return render(request, "alerts/unsubscribe.html", {"token": token})
