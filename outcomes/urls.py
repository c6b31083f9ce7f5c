from django.urls import path

from outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("cases/<int:number>/new/", views.outcome_create_view, name="create"),
]
