from django.contrib import admin
from django.urls import include, path

from integrations.api import api as integration_api
from portal import files, health, views

admin.site.site_header = "Портал подключения — администрирование"
admin.site.site_title = "Портал подключения"
admin.site.index_title = "Управление порталом"

urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff_dashboard, name="staff_dashboard"),
    path("documents/", views.normative_documents, name="normative_documents"),
    path("documents/<slug:slug>/", views.normative_documents, name="normative_documents_city"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("captcha/", include("captcha.urls")),
    path("applications/", include("applications.urls")),
    path("appeals/", include("appeals.urls")),
    path("agreements/", include("agreements.urls")),
    path("signing/", include("signing.urls")),
    path("addresses/", include("addresses.urls")),
    path("passports/", include("passports.urls")),
    path("integrations/", include("integrations.urls")),
    path("api/v1/", integration_api.urls),

    path("audit/", include("audit.urls")),
    # Every stored file, through the permission check (portal/files.py); MEDIA_ROOT is served nowhere.
    path("files/<path:name>", files.stored_file, name="stored_file"),
    path("health/", health.health, name="health"),  # the load balancer's probe (portal/health.py)

    path("frontoffice/", include("frontoffice.urls")),

    path("favicon.ico", views.favicon, name="favicon"),  # browsers ask for it whatever the page says
]
