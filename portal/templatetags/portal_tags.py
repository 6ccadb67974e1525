from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (keeps filters while paging)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def accusative(name):
    """A model's Russian name in the accusative, for the admin's «Добавить …» (portal.admin_russian)."""
    from portal.admin_russian import accusative as decline

    return decline(name)


@register.filter
def phone(value):
    """A phone number by its real area code: «+7 4722 33-44-55», «+7 912 345-67-89» (portal.phones)."""
    from portal.phones import format_phone

    return format_phone(value)


@register.filter
def count_form(model, count):
    """A model's name in the form that follows the number: «заявка», «заявки», «заявок» (portal.admin_plurals)."""
    from portal.admin_plurals import count_form as form

    return form(model, count)
