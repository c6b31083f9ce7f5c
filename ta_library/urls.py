from django.urls import path

from ta_library import views

app_name = "ta_library"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("cases/<int:number>/", views.case_library, name="case_library"),
    path("experts/", views.expert_library, name="expert_library"),
    path("news/", views.news, name="news"),
    path("resources/<int:pk>/", views.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/file/", views.resource_file, name="resource_file"),
    path("resources/<int:pk>/download/", views.resource_download, name="resource_download"),
]
