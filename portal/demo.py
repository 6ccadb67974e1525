"""Demo data loaders registered by domain apps (AppConfig.ready), run by `manage.py load_demo`
after the demo users exist, so portal never imports the domain apps."""

from django.utils.module_loading import import_string

_loaders = []


def register(dotted_path):
    """Register "app.module.function": function(users: dict[login, User], stdout), idempotent."""
    _loaders.append(dotted_path)


def run_loaders(users, stdout):
    for path in _loaders:
        import_string(path)(users, stdout)
