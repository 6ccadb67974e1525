from django.urls import path

from accounts.esia import role_views

app_name = "esia"
urlpatterns = [
    path("", role_views.choose, name="choose"),
    path("switch/", role_views.switch, name="switch"),
    path("organisation/<int:org_oid>/", role_views.org_start, name="org_start"),
    path("organisation/callback/", role_views.org_callback, name="org_callback"),
]
