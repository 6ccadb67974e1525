"""After an ESIA login the session remembers the person, so that they can act for their organisations."""

from allauth.account.signals import user_logged_in


def _remember_person(sender, request, user, sociallogin=None, **kwargs):
    if sociallogin is not None and sociallogin.account.provider == "esia":
        from accounts.esia.services import ACTING_FOR_KEY, ACTING_PERSON_KEY, IDENTIFIED_KEY

        request.session[ACTING_PERSON_KEY] = user.pk
        request.session[ACTING_FOR_KEY] = ""
        request.session[IDENTIFIED_KEY] = True


def connect():
    user_logged_in.connect(_remember_person, dispatch_uid="esia-remember-person")
