from django.urls import path

from cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_intake, name="intake"),
    path("<int:number>/", views.case_detail, name="detail"),
    path("<int:number>/submitted/", views.case_submitted, name="submitted"),
    path("<int:number>/edit/", views.case_edit, name="edit"),
    path("<int:number>/close/", views.case_close_view, name="close"),
    path("<int:number>/reopen/", views.case_reopen_view, name="reopen"),
    path("staff/", views.staff_case_list, name="staff_list"),
    path("staff/<int:number>/", views.staff_case_detail, name="staff_detail"),
]
