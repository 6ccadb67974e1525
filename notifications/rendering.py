"""Rendering of message templates at queue time and the JSON-safe copy of their context."""

import math

from django.template import TemplateDoesNotExist
from django.template.context import make_context
from django.template.loader import get_template

SUBJECT_MAX_LENGTH = 255
JSON_SCALARS = (str, int, bool, type(None))


# Each render gets its own copy of the context: Django's Context writes `{% ... as name %}` results
# into the dict it was given, and those must not leak into other templates or the stored context.

def render_text(template_name, context):
    """Plain text: Django templates with autoescaping off, so '&' in a URL stays '&'."""
    context = dict(context)
    template = get_template(template_name)
    django_template = getattr(template, "template", None)
    if django_template is None:  # another template engine: use its own rules
        return template.render(context)
    return django_template.render(make_context(context, None, autoescape=False))


def render_html(template_name, context):
    return get_template(template_name).render(dict(context))


def render_optional_html(template_name, context):
    try:
        return render_html(template_name, context)
    except TemplateDoesNotExist:
        return ""


def render_one_line(template_name, context):
    """A subject is one header line: collapse newlines and runs of spaces (no header injection)."""
    return " ".join(render_text(template_name, context).split())[:SUBJECT_MAX_LENGTH]


def email_template_names(template):
    base = f"notifications/email/{template}"
    return f"{base}-subject.txt", f"{base}-body.txt", f"{base}-body.html"


def sms_template_name(template):
    return f"notifications/sms/{template}.txt"


def json_safe(value):
    """A copy of `value` that JSONField can store: containers kept, anything else stringified."""
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item) for item in value]
    if isinstance(value, float):
        # NaN and infinities are not JSON (PostgreSQL's jsonb refuses them).
        return value if math.isfinite(value) else str(value)
    if isinstance(value, JSON_SCALARS):
        return value
    return _stringify(value)


def _stringify(value):
    try:
        return str(value)
    except Exception:  # a broken __str__ must not stop the event that queues the message
        return repr(value)
