"""The staff dashboard shell. Domain apps register panels at start-up (AppConfig.ready), so portal
never imports them; a panel returns None when the user has nothing to do with it."""

from django.utils.module_loading import import_string

_panels = []


def register(dotted_path):
    """Register "app.module.function": function(request) -> {"template": str, ...context} or None.
    Imported on first use, so start-up does not load every app's dashboard code."""
    _panels.append(dotted_path)


def panels_for(request):
    return [content for content in (import_string(path)(request) for path in _panels) if content]
