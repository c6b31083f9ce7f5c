from django.urls import path

from redaction import views

# Included at the site root, under a document's staff page. Staff only.
app_name = "redaction"
_base = "staff/documents/<slug:public_id>/redaction/"
urlpatterns = [
    path(_base, views.workbench, name="workbench"),
    path(_base + "status/", views.status, name="status"),
    path(_base + "pages/<int:number>.png", views.page_image, name="page_image"),
    path(_base + "start/", views.start, name="start"),
    path(_base + "identifiers/", views.identifiers, name="identifiers"),
    path(_base + "detect/", views.detect, name="detect"),
    path(_base + "proposals/", views.proposals, name="proposals"),
    path(_base + "boxes/", views.box_add, name="box_add"),
    path(_base + "boxes/page/", views.box_page, name="box_page"),
    path(_base + "boxes/occurrences/", views.occurrences, name="occurrences"),
    path(_base + "boxes/<int:box_id>/delete/", views.box_delete, name="box_delete"),
    path(_base + "build/", views.build, name="build"),
    path(_base + "review/", views.review, name="review"),
    path(_base + "review/pages/<int:number>.png", views.derivative_image, name="derivative_image"),
    path(_base + "approve/", views.approve, name="approve"),
    path(_base + "send-back/", views.send_back, name="send_back"),
    path(_base + "publish/", views.publish, name="publish"),
]
