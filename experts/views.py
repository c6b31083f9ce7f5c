"""Expert Witness Database pages: the attorney search and profiles, the keeper's listing, the
one-click availability reconfirmation, and the staff vetting queue.

Thin: each view parses the request, fetches through a scoped selector and calls a service.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.membership import membership_pending
from accounts.models import Role
from accounts.permissions import is_clinic, role_required
from audit.services import fetch_audited_or_404
from cgrs.files import private_file_response
from cgrs.partials import render_page
from experts import selectors
from experts.forms.listing import ClinicListingForm, ListingForm
from experts.forms.review import CHECKLIST, ReviewForm
from experts.forms.search import SearchForm
from experts.models import Listing, ListingStatus
from experts.services.availability import availability_confirm, listing_for_reconfirm_token
from experts.services.emails import keeper_emails
from experts.services.listing import ListingError, ListingSaved, listing_save, listing_submit
from experts.services.review import listing_review

KEEPERS = (Role.EXPERT, Role.CLINIC)


def _querystring(filters: dict) -> str:
    """The filter state as a query string (without the page), for links that keep it."""
    params: list[tuple[str, str]] = []
    if filters["type"]:
        params.append(("type", filters["type"]))
    if filters["country"]:
        params.append(("country", filters["country"]))
    params += [("topic", v) for v in filters["topic"]]
    params += [("fee", v) for v in filters["fee"]]
    params += [("language", v) for v in filters["language"]]
    if filters["accepting"]:
        params.append(("accepting", "1"))
    if filters["clinic"]:
        params.append(("clinic", "1"))
    return urlencode(params)


@require_safe
@role_required(Role.ATTORNEY, Role.STAFF)
def expert_search(request):
    """Find an expert: type first, then country and topics for country conditions, then
    fee, availability, clinics and language. The URL holds the filter state."""
    topic_terms = selectors.topic_vocabulary()
    form = SearchForm(request.GET, topic_slugs=[term.slug for term in topic_terms])
    form.is_valid()
    filters = form.filters()
    result = selectors.search_listings(
        user=request.user,
        filters=filters,
        page_number=request.GET.get("page"),
        topic_terms=topic_terms,
    )
    general = {**filters, "country": ""}
    type_options = [
        (facet, _querystring({**general, "type": facet.value})) for facet in result.facets["type"]
    ]
    return render_page(
        request,
        "experts/expert_search.html",
        {
            "form": form,
            "result": result,
            "filters": filters,
            "querystring": _querystring(filters),
            "type_options": type_options,
        },
        regions=frozenset({"results"}),
    )


@require_safe
@role_required(Role.ATTORNEY, Role.STAFF)
def expert_profile(request, pk: int):
    """A listed expert's or clinic's full profile with contact details."""
    listing = selectors.fetch_profile(request, pk)
    return render(
        request,
        "experts/expert_profile.html",
        {"listing": listing, "back": request.GET.get("back", "")},
    )


@require_safe
@role_required(Role.ATTORNEY, Role.STAFF, Role.EXPERT, Role.CLINIC)
def expert_cv(request, pk: int):
    """The CV, as a download: attorneys for listed profiles, the keeper, staff always."""
    # SECURITY: the scoped fetch is the permission check (S3, S7).
    listing = fetch_audited_or_404(
        Listing.objects.cv_readable_by(request.user).exclude(cv=""),
        actor=request.user,
        object_type="expert_cv",
        object_id=pk,
    )
    try:
        handle = listing.cv.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return private_file_response(handle, filename="cv.pdf", content_type="application/pdf")


# What the page says after the keeper's form was saved (experts.services.listing.listing_save).
SAVED_MESSAGES = {
    ListingSaved.CREATED: (
        messages.SUCCESS,
        gettext_lazy("Your listing was saved as a draft. Submit it when it is ready for review."),
    ),
    ListingSaved.UNCHANGED: (messages.INFO, gettext_lazy("Nothing was changed.")),
    ListingSaved.SENT_BACK_FOR_REVIEW: (
        messages.WARNING,
        gettext_lazy(
            "You changed your name, credentials, expert type or contact "
            "details, so CGRS staff will review your listing again. It is not "
            "shown in search until they approve it."
        ),
    ),
    ListingSaved.SAVED: (messages.SUCCESS, gettext_lazy("Your changes were saved.")),
}


def _form_class(user):
    return ClinicListingForm if is_clinic(user) else ListingForm


@require_safe
@role_required(*KEEPERS)
def my_listing(request):
    """The keeper's listing: its status, staff's notes, what attorneys will see."""
    listing = selectors.listing_of(request.user)
    return render(
        request,
        "experts/my_listing.html",
        {
            "listing": listing,
            "events": selectors.listing_events(listing, limit=20) if listing else [],
            "no_clinic": is_clinic(request.user) and not request.user.organization_id,
            "membership_pending": is_clinic(request.user) and membership_pending(request.user),
            "is_clinic": is_clinic(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*KEEPERS)
def listing_edit(request):
    """Create or edit the keeper's listing."""
    listing = selectors.listing_of(request.user)
    refusal = selectors.listing_edit_refusal(request.user)
    if refusal is not None:
        if refusal:
            messages.error(request, refusal)
        return redirect("experts:my_listing")
    form_class = _form_class(request.user)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            saved = listing_save(
                keeper=request.user,
                listing=listing,
                details=form.details(),
                cv=form.cleaned_data.get("cv"),
            )
            level, text = SAVED_MESSAGES[saved]
            messages.add_message(request, level, text)
            return redirect("experts:my_listing")
    elif listing is not None:
        form = form_class(initial=form_class.initial_for(listing))
    else:
        form = form_class(initial=selectors.new_listing_initial(request.user))
    return render(
        request,
        "experts/listing_form.html",
        {"form": form, "listing": listing, "is_clinic": form_class is ClinicListingForm},
    )


@require_POST
@role_required(*KEEPERS)
def listing_submit_view(request):
    listing = selectors.listing_of(request.user)
    if listing is None:
        raise Http404
    try:
        listing_submit(listing=listing, actor=request.user)
    except ListingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your listing was submitted. CGRS staff will review it and email you.")
        )
    return redirect("experts:my_listing")


@require_POST
@role_required(*KEEPERS)
def confirm_availability(request):
    listing = selectors.listing_of(request.user)
    if listing is None:
        raise Http404
    availability_confirm(listing=listing, actor=request.user)
    messages.success(request, _("Thank you: your listing shows you as accepting new cases."))
    return redirect("experts:my_listing")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def reconfirm(request, token: str):
    """The one-click link from the reminder email. GET only shows a button (mail scanners and
    link previews follow links); the POST reconfirms. The signed token is the authorization,
    so no sign-in is needed; it expires and stops working once used."""
    listing = listing_for_reconfirm_token(token)
    if listing is None:
        return render(request, "experts/reconfirm.html", {"invalid": True}, status=404)
    if request.method == "POST":
        availability_confirm(
            listing=listing, actor=request.user if request.user.is_authenticated else None
        )
        return render(request, "experts/reconfirm.html", {"done": True, "listing": listing})
    return render(request, "experts/reconfirm.html", {"listing": listing})


@require_safe
@role_required(Role.STAFF)
def staff_queue(request):
    """Listings waiting for vetting (or in another status), oldest submission first."""
    status = request.GET.get("status", ListingStatus.SUBMITTED)
    if status not in ListingStatus.values:
        status = ListingStatus.SUBMITTED
    counts = selectors.status_counts()
    page = Paginator(selectors.review_queue(status=status), selectors.QUEUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "experts/staff_queue.html",
        {
            "page_obj": page,
            "status": status,
            "status_label": ListingStatus(status).label,
            "tabs": [(value, label, counts[value]) for value, label in ListingStatus.choices],
            "querystring": urlencode({"status": status}),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF)
def staff_review(request, pk: int):
    """One listing for staff: everything the keeper entered, its history, and the vetting
    checklist with approve / ask for changes / reject."""
    listing = get_object_or_404(
        Listing.objects.select_related("owner", "organization").prefetch_related("topics"), pk=pk
    )
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if listing.status != ListingStatus.SUBMITTED:
            # Decided meanwhile (another tab, another staff member): nothing to do.
            messages.error(request, _("This listing is not waiting for review."))
            return redirect("experts:staff_review", pk=listing.pk)
        if form.is_valid():
            try:
                listing_review(
                    listing=listing,
                    reviewer=request.user,
                    decision=form.cleaned_data["decision"],
                    notes=form.cleaned_data["notes"],
                    checklist=form.checklist(),
                )
            except ListingError as error:
                form.add_error(None, str(error))
            else:
                keepers = keeper_emails(listing)
                told = (
                    _("%(emails)s will be emailed.") % {"emails": ", ".join(keepers)}
                    if keepers
                    else _("No one is emailed: the listing has no active keeper.")
                )
                messages.success(
                    request,
                    _("%(name)s is now: %(status)s.")
                    % {"name": listing.display_name, "status": listing.get_status_display()}
                    + " "
                    + told,
                )
                return redirect("experts:staff_queue")
    else:
        form = ReviewForm()
    return render(
        request,
        "experts/staff_review.html",
        {
            "listing": listing,
            "form": form,
            "checklist": CHECKLIST,
            "events": selectors.listing_events(listing),
        },
    )
