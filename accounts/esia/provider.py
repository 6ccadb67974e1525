"""ESIA (Gosuslugi) as an allauth OAuth 2.0 provider; the flow is in views.py, the signed requests in client.py."""

import uuid

from allauth.account.models import EmailAddress
from allauth.socialaccount.providers.base import ProviderAccount
from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider
from django.conf import settings
from django.urls import reverse

from accounts.esia.views import ESIAOAuth2Adapter


def person_name(person):
    return " ".join(part for part in (person.get("lastName"), person.get("firstName"), person.get("middleName"))
                    if part)


class ESIAAccount(ProviderAccount):
    def to_str(self):
        return person_name(self.account.extra_data.get("person", {})) or super().to_str()


class ESIAProvider(OAuth2Provider):
    id = "esia"
    name = "Госуслуги"
    account_class = ESIAAccount
    oauth2_adapter_class = ESIAOAuth2Adapter

    def get_scope(self):
        return settings.ESIA_SCOPES.split()

    def get_scope_from_request(self, request):
        return self.get_scope()  # the scope is signed and agreed with ESIA: the request may not extend it

    def get_auth_params_from_request(self, request, action):
        return {}

    def stash_redirect_state(self, request, process, next_url=None, data=None, state_id=None, **kwargs):
        # ESIA wants `state` to be a UUID; after a login the person chooses whom to act for.
        if process == "login" and not next_url:
            next_url = reverse("accounts:esia:choose")
        return super().stash_redirect_state(request, process, next_url, data, state_id=str(uuid.uuid4()), **kwargs)

    def extract_uid(self, data):
        return str(data["oid"])

    def extract_extra_data(self, data):
        return data

    def extract_common_fields(self, data):
        person = data["person"]
        return {"username": "esia-{}".format(data["oid"]), "email": data.get("email", ""),
                "first_name": person.get("firstName", ""), "last_name": person.get("lastName", "")}

    def extract_email_addresses(self, data):
        email = data.get("email")
        return [EmailAddress(email=email, verified=True, primary=True)] if email else []


provider_classes = [ESIAProvider]
