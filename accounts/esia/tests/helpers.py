"""Walking the ESIA login with Django's test client and plain HTTP to the stand-in."""

import re
from urllib.parse import urlparse

import requests
from django.urls import reverse


def authorisation_url(client, process="login"):
    response = client.get(reverse("esia_login"), {"process": process} if process != "login" else {})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def consent(esia, url, decision="allow"):
    """What ESIA's browser redirect would bring back to the portal (the callback's path and query)."""
    page = requests.get(url, allow_redirects=False, timeout=10)
    if page.status_code == 302:
        return page.headers["Location"]
    ticket = re.search(r'name="ticket" value="([0-9a-f]+)"', page.text).group(1)
    answer = requests.post(esia.base_url + "/aas/oauth2/v2/ac/decide", data={"ticket": ticket, "decision": decision},
                           allow_redirects=False, timeout=10)
    return answer.headers["Location"]


def callback(client, location):
    parts = urlparse(location)
    return client.get(f"{parts.path}?{parts.query}")


def login_through_esia(client, esia, decision="allow"):
    return callback(client, consent(esia, authorisation_url(client), decision))


def act_for_organisation(client, esia, org_oid, decision="allow"):
    """Choose an organisation: the portal asks ESIA for its scopes, ESIA answers to the portal's callback."""
    response = client.get(reverse("accounts:esia:org_start", args=[org_oid]))
    if response.status_code != 302 or not response["Location"].startswith(esia.base_url):
        return response
    return callback(client, consent(esia, response["Location"], decision))
