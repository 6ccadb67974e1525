from django.urls import include, path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
    path("profile/", views.profile, name="profile"),
    path("phone/", views.phone_confirm, name="phone_confirm"),
    path("phone/change/", views.phone_change, name="phone_change"),
    path("security/second-factor/", views.mfa_required, name="mfa_required"),
    path("consent/", views.consent_document, name="consent_document"),
    path("acting/", include("accounts.esia.role_urls")),
]
