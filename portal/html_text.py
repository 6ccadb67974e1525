"""Escaping for HTML written in Python on the hot pages (issue 18): the same text as Django's
`escape` and `conditional_escape`, without the lazy-text wrapper (`keep_lazy`) that cost more than
the escaping itself for the few hundred values of a list page. Values must not be lazy translations
(those are turned into text first by the callers, once per page)."""

from html import escape as _escape


def escape(value):
    """html.escape(str(value)): «<», «>», «&», both quotes; a plain str, to be marked safe by the caller."""
    return _escape(str(value))


def conditional_escape(value):
    """A value that is already HTML (has __html__, e.g. a SafeString) as it is, anything else escaped."""
    html = getattr(value, "__html__", None)
    return html() if html is not None else _escape(str(value))
