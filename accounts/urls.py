from django.urls import path
from django.views.generic import TemplateView

app_name = "accounts"
urlpatterns = [
    path("settings/", TemplateView.as_view(template_name="layout.html"), name="settings"),
    path("profile/", TemplateView.as_view(template_name="layout.html"), name="profile"),
    path("phone/", TemplateView.as_view(template_name="layout.html"), name="phone_confirm"),
    path("consent/", TemplateView.as_view(template_name="layout.html"), name="consent_document"),
]
