"""After an ESIA login the session remembers the person, so that they can act for their organisations, and
whether ESIA identified them (a confirmed account: ESIA's person.trusted) and when.

Staff members may log in through ESIA (after allauth's second-factor stage, which applies to social logins
too), but they act for nobody: the session gets no person, so no role switch and no ESIA identification.
"""

from allauth.account.signals import user_logged_in
from django.utils import timezone


def _remember_person(sender, request, user, sociallogin=None, **kwargs):
    if sociallogin is None or sociallogin.account.provider != "esia":
        return
    from accounts import mfa
    from accounts.esia.services import ACTING_FOR_KEY, ACTING_PERSON_KEY, IDENTIFIED_AT_KEY, IDENTIFIED_KEY

    for key in (ACTING_PERSON_KEY, ACTING_FOR_KEY, IDENTIFIED_KEY, IDENTIFIED_AT_KEY):
        request.session.pop(key, None)
    if mfa.mfa_required(user):
        return
    request.session[ACTING_PERSON_KEY] = user.pk
    request.session[ACTING_FOR_KEY] = ""
    request.session[IDENTIFIED_KEY] = bool(sociallogin.account.extra_data.get("person", {}).get("trusted"))
    request.session[IDENTIFIED_AT_KEY] = timezone.now().isoformat()


def connect():
    user_logged_in.connect(_remember_person, dispatch_uid="esia-remember-person")
