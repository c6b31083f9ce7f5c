from django.contrib import admin
from django.urls import include, path

from accounts.staff_home import staff_home
from accounts.two_factor import activate_totp_gate
from cgrs import views

urlpatterns = [
    path("", views.home, name="home"),
    path("faq/", views.faq, name="faq"),
    path("experts/vetting-protocol/", views.vetting_protocol, name="vetting_protocol"),
    path("self-help/", views.self_help, name="self_help"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Registration chooses the account type first; it must come before allauth's signup URL.
    path("accounts/signup/", include("accounts.signup_urls")),
    # SECURITY: staff without two-factor confirm by email before allauth's activation page
    # opens (accounts.two_factor); same path, so it is matched before allauth's.
    path("accounts/2fa/totp/activate/", activate_totp_gate, name="staff_totp_gate"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("cases/", include("cases.urls")),
    path("alerts/", include("alerts.urls")),
    path("outcomes/", include("documents.outcome_urls")),
    path("library/", include("ta_library.urls")),
    path("experts/", include("experts.urls")),
    path("staff/", staff_home, name="staff_home"),
    path("staff/admin/", admin.site.urls),
    # Case documents: /documents/... (attorneys) and /staff/documents/... (staff).
    path("", include("documents.urls")),
    # The redaction workbench: /staff/documents/<public_id>/redaction/...
    path("", include("redaction.urls")),
    # Outcome insights: /insights/ (attorneys) and /staff/insights/ (staff).
    path("", include("insights.urls")),
    # Requests for more help: /help/... (attorneys) and /staff/help/... (staff).
    path("", include("ta_requests.urls")),
]

handler403 = "cgrs.errors.permission_denied"
handler404 = "cgrs.errors.page_not_found"
handler500 = "cgrs.errors.server_error"
