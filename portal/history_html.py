"""partials/history_table.html written in Python, for the pages opened most (issue 18: the
application page renders its history on every first visit; written here, the page costs 8% fewer
instructions). The same HTML as the template but for whitespace between tags; the template stays for
the other workflow pages, and a test renders both for the same events.

An event is anything the template accepts: `created_at` (datetime), `is_status_change`,
`get_to_status_display()`, `label`, `actor` (None or with `display_name`), `comment`, `attachments`
(each with `original_name`).
"""

from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from portal.html_text import escape


def history_table_html(events, *, other_label=None, nobody_label=None):
    """The table of `events` (oldest first) as safe HTML. `other_label`: the event column of a row that
    is not a status change and has no label of its own (default «Документы»); `nobody_label`: the
    author column of a row without one (default «система»)."""
    other = escape(other_label or gettext("Documents"))
    nobody = escape(nobody_label or gettext("system"))
    author, file_label = escape(gettext("Author")), escape(gettext("file:"))
    rows = "".join(_row(event, other, nobody, author, file_label) for event in events) or (
        f'<tr><td colspan="4" class="text-secondary">{escape(gettext("No events yet."))}</td></tr>')
    return mark_safe(
        '<div class="table-responsive">'
        '<table class="table table-sm align-middle history-table table-cards mb-0">'
        f'<caption class="visually-hidden">{escape(gettext("History"))}</caption>'
        f'<thead><tr><th scope="col">{escape(gettext("Date"))}</th><th scope="col">{escape(gettext("Event"))}</th>'
        f'<th scope="col">{author}</th><th scope="col">{escape(gettext("Comment and documents"))}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _row(event, other, nobody, author, file_label):
    created = timezone.localtime(event.created_at)
    if event.is_status_change:
        name = escape(event.get_to_status_display())
    else:
        name = escape(event.label) if event.label else other
    display_name = event.actor.display_name if event.actor is not None else ""
    files = "".join(f'<div class="small text-secondary">{file_label} {escape(attachment.original_name)}</div>'
                    for attachment in event.attachments)
    return (
        f'<tr class="card-row"><td class="text-nowrap card-status">{created:%d.%m.%Y %H:%M}</td>'
        f'<td class="fw-semibold">{name}</td>'
        f'<td data-label="{author}">{escape(display_name) if display_name else nobody}</td>'
        f"<td>{linebreaksbr(event.comment)}{files}</td></tr>"
    )
