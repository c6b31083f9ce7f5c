"""Registration, My Account, contact details, the organization type-ahead and the staff
pro se follow-up queue. Thin: parse the request, call a selector or service, render."""

from __future__ import annotations

from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from allauth.account.views import SignupView
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.dashboard import sections_for
from accounts.forms.contact_details import ContactDetailsForm
from accounts.forms.organization_picker import FIND_ORGANIZATIONS
from accounts.forms.registration import REGISTRATION_FORMS
from accounts.forms.staff import FollowUpForm
from accounts.forms.verification import ResendVerificationForm
from accounts.membership import (
    membership_claims_for,
    membership_confirm,
    membership_decline,
)
from accounts.models import ACCOUNT_TYPE_CHOICES, ACCOUNT_TYPE_LABELS, FollowUpStatus, Role
from accounts.permissions import (
    ALL_ROLES,
    is_pro_se_account_type,
    role_required,
    staff_required,
)
from accounts.selectors import organizations_matching, pro_se_follow_ups_for_staff
from accounts.services import contact_details_update, pro_se_follow_up_update
from audit.models import AuditAction
from audit.services import fetch_audited_or_404

# What comes after signing up (the form's `next_step`), kept in the session for the
# "check your email" page.
SIGNUP_NEXT_STEP_SESSION_KEY = "cgrs_signup_next_step"
SIGNUP_EMAIL_SESSION_KEY = "cgrs_signup_email"
FOLLOW_UPS_PER_PAGE = 50
MEMBERSHIP_CLAIMS_SHOWN = 100
RESEND_RATE_LIMITS = {"resend_verification": "10/m/ip"}

# What the choice page says under each option (from "How to Access TA": Creating an Account).
ACCOUNT_TYPE_GUIDANCE = {
    Role.ATTORNEY: gettext_lazy(
        "If you are an attorney or other advocate (including paralegals, accredited "
        "representatives, or law students) looking to access CGRS technical assistance to "
        "support an asylum or other fear-of-return case."
    ),
    Role.PRO_SE: gettext_lazy(
        "If you are representing yourself in your case. After you register, CGRS staff will "
        "reach out with materials to support your case."
    ),
    Role.EXPERT: gettext_lazy(
        "If you want to serve as an expert witness in immigration cases, be listed in the "
        "CGRS Expert Witness Database, and use the Expert Witness Resource Library."
    ),
    Role.CLINIC: gettext_lazy(
        "If you represent a clinic or organization that wants to be listed in the Expert "
        "Witness Database."
    ),
}
EXPERT_WARNING = gettext_lazy(
    "Attorneys looking for expert witness referrals: do not choose this option, because you "
    "will not be able to see expert referrals. Register as an attorney instead."
)
# The choice an attorney might take by mistake carries the warning.
EXPERT_WARNING_FOR = {Role.EXPERT: EXPERT_WARNING}


def _account_type_options() -> list[dict]:
    return [
        {
            "value": value,
            "label": label,
            "guidance": ACCOUNT_TYPE_GUIDANCE[value],
            "warning": EXPERT_WARNING_FOR.get(value, ""),
        }
        for value, label in ACCOUNT_TYPE_CHOICES
    ]


@require_safe
@never_cache
def signup_choose(request):
    """Step one of registration: what do you want to do on this site?"""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    chosen = request.GET.get("account_type")
    error = ""
    if chosen is not None:
        if chosen in ACCOUNT_TYPE_LABELS:
            return redirect("account_signup_type", account_type=chosen)
        error = _("Choose the type of account you need.")
    return render(
        request,
        "accounts/signup_choose.html",
        {"options": _account_type_options(), "error": error},
    )


class RegistrationView(SignupView):
    """allauth's signup (rate limits, email verification, password rules), with the form for
    the chosen account type."""

    template_name = "accounts/signup_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.account_type = kwargs.pop("account_type")
        if self.account_type not in REGISTRATION_FORMS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return REGISTRATION_FORMS[self.account_type]

    def post(self, request, *args, **kwargs):
        if FIND_ORGANIZATIONS in request.POST:
            # The picker's Search button (no JavaScript): show the matches, keep the answers,
            # validate nothing yet. Passwords are never echoed back.
            initial = {
                key: value
                for key, value in request.POST.items()
                if key not in {"password1", "password2", "csrfmiddlewaretoken"}
            }
            form = self.get_form_class()(initial=initial)
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[SIGNUP_NEXT_STEP_SESSION_KEY] = form.next_step
        self.request.session[SIGNUP_EMAIL_SESSION_KEY] = form.cleaned_data["email"]
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["account_type"] = self.account_type
        context["account_type_label"] = ACCOUNT_TYPE_LABELS[self.account_type]
        context["is_pro_se"] = is_pro_se_account_type(self.account_type)
        return context


registration = RegistrationView.as_view()


@require_safe
def organization_search(request):
    """The type-ahead behind the organization picker: at most 20 matches, as JSON."""
    matches = organizations_matching(request.GET.get("q", ""))
    return JsonResponse(
        {"results": [{"id": org.pk, "label": str(org)} for org in matches]},
        headers={"Cache-Control": "no-store"},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def resend_verification(request):
    """Send the verification link again. The answer is the same whether or not the address
    has an account (no enumeration); allauth's per-address cooldown still applies."""
    if request.method == "POST":
        form = ResendVerificationForm(request.POST)
        if form.is_valid():
            if ratelimit.consume(
                request, app="accounts", action="resend_verification", config=RESEND_RATE_LIMITS
            ):
                address = EmailAddress.objects.filter(
                    email__iexact=form.cleaned_data["email"], verified=False
                ).first()
                if address is not None:
                    send_verification_email_to_address(request, address)
            messages.info(
                request,
                _(
                    "If that address is waiting to be verified, we have sent a new link to it. "
                    "It can take a few minutes to arrive."
                ),
            )
            return redirect("account_email_verification_sent")
    else:
        form = ResendVerificationForm(
            initial={"email": request.session.get(SIGNUP_EMAIL_SESSION_KEY, "")}
        )
    return render(request, "accounts/resend_verification.html", {"form": form})


@require_safe
@role_required(*ALL_ROLES)
def my_account(request):
    """The personal dashboard. Each role's sections come from the apps (accounts.dashboard)."""
    return render(request, "accounts/my_account.html", {"sections": sections_for(request)})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*ALL_ROLES, verified_email=False)
def contact_details(request):
    """Anyone's own name, phone, preferred language and (except pro se) organization."""
    user = request.user
    if request.method == "POST":
        if FIND_ORGANIZATIONS in request.POST:
            initial = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
            form = ContactDetailsForm(user=user, initial=initial)
        else:
            form = ContactDetailsForm(request.POST, user=user)
            if form.is_valid():
                contact_details_update(
                    user=user,
                    full_name=form.cleaned_data["full_name"],
                    phone=form.cleaned_data["phone"],
                    preferred_language=form.cleaned_data["preferred_language"],
                    affiliation=form.affiliation,
                )
                messages.success(request, _("Your contact details were saved."))
                return redirect("accounts:my_account")
    else:
        form = ContactDetailsForm(user=user)
    return render(request, "accounts/contact_details.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ATTORNEY, Role.EXPERT, Role.CLINIC, Role.STAFF)
def membership_claims(request):
    """People who named the organization and wait for a confirmed member (or staff) to
    confirm or decline that they belong to it."""
    # SECURITY (S16): the scoped queryset is the authorization: a member finds only claims on
    # their own organization, and none while their own membership is a claim.
    claims = membership_claims_for(request.user)
    if request.method == "POST":
        member = claims.filter(pk=request.POST.get("member") or 0).first()
        if member is None:
            raise Http404
        decision = request.POST.get("decision")
        if decision == "confirm":
            membership_confirm(member=member, verifier=request.user)
            messages.success(request, _("The membership was confirmed."))
        elif decision == "decline":
            membership_decline(member=member, verifier=request.user)
            messages.success(request, _("The membership was declined."))
        else:
            messages.error(request, _("Choose confirm or decline."))
        return redirect("accounts:membership_claims")
    return render(
        request,
        "accounts/membership_claims.html",
        {"claims": claims[:MEMBERSHIP_CLAIMS_SHOWN]},
    )


@require_safe
@staff_required
def staff_follow_ups(request):
    """Pro se registrants waiting for staff to reach out, newest first."""
    status = request.GET.get("status", "")
    follow_ups = pro_se_follow_ups_for_staff(status or None)
    page = Paginator(follow_ups, FOLLOW_UPS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/staff_follow_up_list.html",
        {
            "page": page,
            "status": status if status in FollowUpStatus.values else "",
            "statuses": FollowUpStatus.choices,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def staff_follow_up_detail(request, pk: int):
    """One registrant's follow-up: what they told us, status and staff notes."""
    action = AuditAction.UPDATE if request.method == "POST" else AuditAction.READ
    # SECURITY: personal data of an asylum seeker: every open is audited, found or not.
    follow_up = fetch_audited_or_404(
        pro_se_follow_ups_for_staff(),
        actor=request.user,
        object_type="pro_se_follow_up",
        object_id=pk,
        action=action,
    )
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            pro_se_follow_up_update(
                follow_up=follow_up,
                status=form.cleaned_data["status"],
                notes=form.cleaned_data["notes"],
                updated_by=request.user,
            )
            messages.success(request, _("The follow-up was saved."))
            return redirect(reverse("accounts:staff_follow_ups"))
    else:
        form = FollowUpForm(initial={"status": follow_up.status, "notes": follow_up.notes})
    return render(
        request,
        "accounts/staff_follow_up_detail.html",
        {"follow_up": follow_up, "form": form, "role": Role.STAFF},
    )
