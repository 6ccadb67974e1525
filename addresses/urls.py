from django.urls import path

from addresses import views
from addresses.notices import urls as notice_urls

app_name = "addresses"

urlpatterns = [
    path("suggest/", views.suggest, name="suggest"),
    *notice_urls.urlpatterns,
]
