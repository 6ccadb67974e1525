from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal import views

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
    path("favicon.ico", views.favicon, name="favicon"),  # browsers ask for it whatever the page says
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
