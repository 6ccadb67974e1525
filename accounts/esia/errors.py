"""ESIA's failures in the words a user reads.

ESIA answers errors as `error` + `error_description` beginning with a code `ESIA-0070NN` (methodical
recommendations, appendix «Коды ошибок»). The meanings below follow that appendix as integrators quote it
(e.g. ESIA-007014 «Запрос не содержит обязательного параметра», ESIA-007053 «client_secret сформирован
некорректно ... или используемый сертификат не активен», ESIA-007194 «Запрос области доступа для
организации, сотрудником которой пользователь не является»). A code not listed here is shown with a
general message that quotes it, so that the support service can look it up.
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
    "org_data": _("Gosuslugi did not pass the organisation's data to the portal, so you cannot act for it now. "
                  "Please try again later."),
    "org": _("Gosuslugi does not list you as an employee of this organisation, so you cannot act for it. "
             "Ask the organisation's head to add you as an employee on gosuslugi.ru."),
    "unknown": _("Logging in through Gosuslugi failed. Please try again later."),
}

_TELL_SUPPORT = _("Please try again later; if this repeats, tell the support service and quote the code.")

CODE_MESSAGES = {
    "ESIA-007002": _("Gosuslugi does not know the portal's certificate (ESIA-007002). Please tell the support "
                     "service."),
    "ESIA-007004": MESSAGES["cancelled"],
    "ESIA-007008": _("Gosuslugi is overloaded or under maintenance (ESIA-007008). Please try again in a few "
                     "minutes."),
    "ESIA-007011": _("The confirmation from Gosuslugi has expired or was already used (ESIA-007011). Please "
                     "start logging in again."),
    "ESIA-007014": _("Gosuslugi refused the portal's request because a required parameter is missing "
                     "(ESIA-007014). Please try again later; if this repeats, tell the support service."),
    "ESIA-007015": _("Gosuslugi refused the request because the portal's clock differs from its own "
                     "(ESIA-007015). Please try again in a minute; if this repeats, tell the support service."),
    "ESIA-007019": _("Gosuslugi did not give the portal access to these data (ESIA-007019). Please tell the "
                     "support service."),
    "ESIA-007053": _("Gosuslugi did not accept the portal's signature of the request (ESIA-007053). The portal's "
                     "certificate may be out of date: please tell the support service."),
    "ESIA-007055": _("Your Gosuslugi account is not confirmed enough for this portal (ESIA-007055). Confirm "
                     "your identity on gosuslugi.ru and try again."),
    "ESIA-007194": MESSAGES["org"],
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
    """The Russian message for a failure; an unknown ESIA code is quoted in a general message."""
    if code in CODE_MESSAGES:
        return CODE_MESSAGES[code]
    if code:
        return _("Gosuslugi refused with the code %(code)s. %(advice)s") % {"code": code, "advice": _TELL_SUPPORT}
    return MESSAGES.get(kind, MESSAGES["unknown"])
