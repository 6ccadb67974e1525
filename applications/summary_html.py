"""The application page's summary (what the applicant filled in), written in Python (issue 18).

Shown whenever the application is no longer an editable draft, i.e. on most visits: through the
template (applications/partials/summary.html until now) its eleven rows, with their translations and
filters, were ~2 M instructions, a tenth of the page. The HTML is the template's, byte for byte (a test
renders the former template as the oracle): labels are translated, values escaped, and the filters
the template used (phone, floatformat, date, linebreaksbr) are Django's and the portal's own.
"""

from django.template.defaultfilters import date, floatformat, linebreaksbr
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from portal.html_text import conditional_escape, escape
from portal.phones import format_phone

_DASH = "—"


def summary_html(application):
    """The summary card of `application`."""
    max_load = (f"{floatformat(application.max_load, '-4')} {escape(application.get_load_unit_display())}"
                if application.max_load is not None else _DASH)
    rows = [
        ("Full name or organisation", escape(application.applicant_name)),
        ("Phone", _or_dash(format_phone(application.phone))),
        ("E-mail", _or_dash(application.email)),
        ("Address of the object", _or_dash(application.object_address)),
        ("Cadastral number", _or_dash(application.cadastral_number)),
        ("Purpose", _or_dash(application.object_purpose)),
        ("Reason", _or_dash(application.get_reason_display())),
        ("Maximum load", max_load),
        ("Planned commissioning", _or_dash(date(application.planned_commissioning, "d.m.Y"))),
        ("How to deliver the answer", escape(application.get_delivery_method_display())),
    ]
    lines = "".join(f'  <dt class="col-sm-5">{gettext(label)}</dt><dd class="col-sm-7">{value}</dd>\n'
                    for label, value in rows)
    comment = (f'<dt class="col-sm-5">{gettext("Comment")}</dt>'
               f'<dd class="col-sm-7">{linebreaksbr(application.comment, autoescape=True)}</dd>'
               if application.comment else "")
    return mark_safe(f'\n<div class="card card-body shadow-sm">\n<dl class="row mb-0">\n{lines}  {comment}\n'
                     f'</dl>\n</div>\n')


def _or_dash(value):
    """`value|default:"—"` with autoescaping: the value escaped, or the dash if it is empty."""
    return conditional_escape(value) if value else _DASH
