from django.urls import path

from experts import views

app_name = "experts"
urlpatterns = [
    # The TA Library's blue box links here: /experts/?type=country_conditions&country=XX
    path("", views.expert_search, name="search"),
    path("<int:pk>/", views.expert_profile, name="profile"),
    path("<int:pk>/cv/", views.expert_cv, name="cv"),
    path("listing/", views.my_listing, name="my_listing"),
    path("listing/edit/", views.listing_edit, name="listing_edit"),
    path("listing/submit/", views.listing_submit_view, name="listing_submit"),
    path(
        "listing/confirm-availability/",
        views.confirm_availability,
        name="confirm_availability",
    ),
    path("reconfirm/<str:token>/", views.reconfirm, name="reconfirm"),
    path("staff/", views.staff_queue, name="staff_queue"),
    path("staff/<int:pk>/", views.staff_review, name="staff_review"),
]
