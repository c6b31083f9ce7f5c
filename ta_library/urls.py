from django.urls import path

from ta_library import views

app_name = "ta_library"
urlpatterns = [
    path("cases/<int:number>/", views.case_library, name="case_library"),
]
