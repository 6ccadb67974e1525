from django.urls import path

from frontoffice import views

app_name = "frontoffice"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("services/<int:service_pk>/intake/", views.intake_new, name="intake_new"),
    path("intakes/<int:pk>/", views.intake_detail, name="intake"),
    path("intakes/<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("suggest/organisations/", views.suggest_organisations, name="suggest_organisations"),
    path("suggest/passports/", views.suggest_passports, name="suggest_passports"),
    path("suggest/names/", views.suggest_names, name="suggest_names"),
]
