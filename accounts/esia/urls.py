from allauth.socialaccount.providers.oauth2.urls import default_urlpatterns

from accounts.esia.provider import ESIAProvider

urlpatterns = default_urlpatterns(ESIAProvider)
