from django import template

from accounts.esia import services

register = template.Library()


@register.inclusion_tag("esia/role_switch.html", takes_context=True)
def esia_role_switch(context):
    """The «act for» switch in the top right corner, for sessions that came through ESIA."""
    request = context.get("request")
    person = services.acting_person(request) if request is not None else None
    if person is None:
        return {"person": None}
    return {"person": person, "organisations": services.organisations_of(person), "user": request.user,
            "acting_for": request.session.get(services.ACTING_FOR_KEY, ""), "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("esia/login_button.html", takes_context=True)
def esia_login_button(context, process="login"):
    from django.conf import settings

    return {"enabled": bool(settings.ESIA_CLIENT_ID), "process": process}
