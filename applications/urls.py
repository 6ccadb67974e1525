from django.urls import path

from applications import signing_views, views

app_name = "applications"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("new/", views.application_new, name="new"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/save/", views.application_save, name="save"),
    path("<int:pk>/history/", views.application_history, name="history"),
    path("<int:pk>/receipt/", views.receipt_page, name="receipt_page"),
    path("<int:pk>/receipt.pdf", views.receipt_download, name="receipt_pdf"),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/documents/<int:document_pk>/delete/", views.document_delete, name="document_delete"),
    path("<int:pk>/documents.zip", views.documents_zip, name="documents_zip"),
    path("<int:pk>/withdraw/", views.application_withdraw, name="withdraw"),
    path("<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    path("<int:pk>/sign/", signing_views.sign_page, name="sign"),
    path("<int:pk>/sign/submit/", signing_views.sign_submit, name="sign_submit"),
    path("<int:pk>/sign/simple/", signing_views.sign_simple, name="sign_simple"),
    path("<int:pk>/signed.zip", signing_views.signed_zip, name="signed_zip"),
]
