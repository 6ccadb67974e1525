"""ESIA's failures in the words a user reads.

ESIA answers errors as `error` + `error_description` beginning with a code `ESIA-0070NN` (methodical
recommendations, appendix «Коды ошибок»); the codes below are those a user can meet at login.
"""

import re

from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.utils.translation import gettext_lazy as _

CODE_PATTERN = re.compile(r"ESIA-\d{6}")

MESSAGES = {
    "cancelled": _("You did not allow Gosuslugi to pass your data to the portal, so you are not logged in. "
                   "To log in, press «Log in through Gosuslugi» again and confirm the consent."),
    "state": _("The answer from Gosuslugi does not belong to this login attempt (it may be outdated or "
               "opened in another browser). Please start logging in again."),
    "token": _("The answer from Gosuslugi failed the signature or validity check, so it was not trusted. "
               "Please log in again; if this repeats, tell the support service."),
    "unreachable": _("Gosuslugi does not answer at the moment. Please try again in a few minutes or log in "
                     "with your portal login and password."),
    "data": _("Gosuslugi did not return the data the portal needs (full name and identifier). Please try "
              "again later."),
    "unknown": _("Logging in through Gosuslugi failed. Please try again later."),
}

CODE_MESSAGES = {
    "ESIA-007004": MESSAGES["cancelled"],
    "ESIA-007014": _("Gosuslugi refused the portal's request because a required parameter is missing "
                     "(ESIA-007014). Please try again later; if this repeats, tell the support service."),
    "ESIA-007053": _("Gosuslugi did not accept the portal's signature of the request (ESIA-007053). The portal's "
                     "certificate may be out of date: please tell the support service."),
    "ESIA-007055": _("Your Gosuslugi account is not confirmed enough for this portal (ESIA-007055). Confirm "
                     "your identity on gosuslugi.ru and try again."),
}


class ESIAError(OAuth2Error):
    """A failed exchange with ESIA; kind is a key of MESSAGES, code the ESIA error code if it gave one."""

    def __init__(self, kind, code="", detail=""):
        super().__init__(f"{kind} {code} {detail}")
        self.kind, self.code, self.detail = kind, code, detail


def code_in(text):
    match = CODE_PATTERN.search(text or "")
    return match.group(0) if match else ""


def message_for(kind, code=""):
    if code in CODE_MESSAGES:
        return CODE_MESSAGES[code]
    if code and kind in ("unknown", "code"):
        return _("Gosuslugi refused the login with the code %(code)s. Please try again later; if this repeats, "
                 "tell the support service and quote the code.") % {"code": code}
    return MESSAGES.get(kind, MESSAGES["unknown"])
