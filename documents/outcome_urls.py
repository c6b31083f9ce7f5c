from django.urls import path

from documents import outcome_views

# Mounted at /outcomes/ under the outcomes namespace: the outcome form takes documents, so
# its view is the documents app's (see documents.outcome_views).
app_name = "outcomes"
urlpatterns = [
    path("cases/<int:number>/new/", outcome_views.outcome_create_view, name="create"),
]
