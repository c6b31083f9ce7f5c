from django.urls import path

from documents import views

# Included at the site root: the attorney's pages under /documents/, the staff's under
# /staff/documents/. Documents are named by their random public id, never a row id.
app_name = "documents"
urlpatterns = [
    path("documents/cases/<int:number>/add/", views.documents_add, name="add"),
    path("documents/<slug:public_id>/", views.document_detail, name="detail"),
    path("documents/<slug:public_id>/file/", views.document_file, name="file"),
    path("documents/<slug:public_id>/download/", views.document_download, name="download"),
    path("documents/<slug:public_id>/permission/", views.document_permission, name="permission"),
    path("documents/<slug:public_id>/delete/", views.document_delete, name="delete"),
    path("staff/documents/", views.staff_queue, name="staff_queue"),
    path("staff/documents/<slug:public_id>/", views.staff_document, name="staff_document"),
    path(
        "staff/documents/<slug:public_id>/not-suitable/",
        views.staff_not_suitable,
        name="staff_not_suitable",
    ),
    path(
        "staff/documents/<slug:public_id>/send-to-redaction/",
        views.staff_send_to_redaction,
        name="staff_send_to_redaction",
    ),
]
