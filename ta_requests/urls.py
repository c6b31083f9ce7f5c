from django.urls import path

from ta_requests import views

# Included at the site root: the attorney's pages under /help/, the staff's under
# /staff/help/.
app_name = "ta_requests"
urlpatterns = [
    path("help/new/", views.choose_case, name="choose_case"),
    path("help/cases/<int:number>/new/", views.request_create, name="create"),
    path("help/<int:pk>/", views.request_detail, name="detail"),
    path("help/<int:pk>/withdraw/", views.request_withdraw, name="withdraw"),
    path("staff/help/", views.staff_queue, name="staff_queue"),
    path("staff/help/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/help/<int:pk>/respond/", views.staff_respond, name="staff_respond"),
    path("staff/help/<int:pk>/assign/", views.staff_assign, name="staff_assign"),
]
