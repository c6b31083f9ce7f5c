from django.urls import path

from accounts import two_factor, views
from accounts.language import choose_language

app_name = "accounts"
urlpatterns = [
    path("", views.my_account, name="my_account"),
    path("language/<str:code>/", choose_language, name="choose_language"),
    path("contact/", views.contact_details, name="contact_details"),
    path("organization/members/", views.membership_claims, name="membership_claims"),
    path("organizations/search/", views.organization_search, name="organization_search"),
    path("two-factor/enrol/", two_factor.enrolment_start, name="two_factor_enrolment"),
    path(
        "two-factor/enrol/<str:token>/",
        two_factor.enrolment_confirm_view,
        name="two_factor_confirm",
    ),
    path("verify-email/resend/", views.resend_verification, name="resend_verification"),
    path("staff/pro-se/", views.staff_follow_ups, name="staff_follow_ups"),
    path("staff/pro-se/<int:pk>/", views.staff_follow_up_detail, name="staff_follow_up_detail"),
]
