from django.urls import path

from insights import views

# Included at the site root: attorneys under /insights/, staff under /staff/insights/.
app_name = "insights"
urlpatterns = [
    path("insights/", views.attorney_insights, name="attorney"),
    path("insights/export.csv", views.attorney_insights_csv, name="attorney_csv"),
    path("staff/insights/", views.staff_insights, name="staff"),
    path("staff/insights/export.csv", views.staff_insights_csv, name="staff_csv"),
]
