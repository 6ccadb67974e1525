from django.urls import path

from signing import views

app_name = "signing"
urlpatterns = [
    path("check/", views.check, name="check"),
    path("check/test-document/", views.test_document, name="test_document"),
    path("check/test-sign/", views.test_sign, name="test_sign"),
    path("verify/", views.verify, name="verify"),
    path("verify/<int:pk>/", views.report, name="report"),
]
