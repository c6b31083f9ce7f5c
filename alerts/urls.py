from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.new_resources_list, name="new_resources"),
    path("settings/", views.all_cases_alerts, name="all_cases"),
    path("cases/<int:number>/", views.case_alerts, name="case"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
