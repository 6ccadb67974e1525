from django.urls import path

from accounts.esia import role_views

app_name = "esia"
urlpatterns = [
    path("", role_views.choose, name="choose"),
    path("switch/", role_views.switch, name="switch"),
]
