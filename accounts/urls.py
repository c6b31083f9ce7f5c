from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.my_account, name="my_account"),
]
