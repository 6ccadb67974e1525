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


@register.simple_tag(takes_context=True)
def kept_nav_sidebar(context):
    """Django's admin/nav_sidebar.html for this page, kept per permission set, language and path
    (portal.admin_app_list): templates/admin/base_site.html puts it in the nav-sidebar block."""
    from portal.admin_app_list import nav_sidebar_html

    template = context.template.engine.get_template("admin/nav_sidebar.html")
    return nav_sidebar_html(context, lambda: template.render(context))


@register.simple_tag
def kept_action_form(action_form):
    """The admin action bar's form as Django's admin/actions.html writes it, kept per process for an
    unbound form (portal.admin_action_form)."""
    from portal.admin_action_form import action_form_html

    return action_form_html(action_form)


@register.simple_tag(takes_context=True)
def kept_admin_tag(context, tag, cl):
    """The admin's `{% pagination cl %}` or `{% search_form cl %}`, kept per process per query string,
    page and counts (portal.admin_kept_tags)."""
    from portal.admin_kept_tags import kept_tag_html

    return kept_tag_html(context, cl, tag)


@register.simple_tag(takes_context=True)
def kept_admin_actions(context):
    """The admin's `{% admin_actions %}` (the action bar), kept per process for an unbound form, its
    row counts and language (portal.admin_action_form)."""
    from portal.admin_action_form import action_bar_html

    return action_bar_html(context)


@register.simple_tag(takes_context=True)
def kept_userlinks(context):
    """Django's userlinks block (put the tag in `{% block userlinks %}`), kept per process with the
    request's own CSRF token in its logout form (portal.admin_kept_tags)."""
    from portal.admin_kept_tags import userlinks_html

    return userlinks_html(context)
