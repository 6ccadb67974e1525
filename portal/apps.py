from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib import admin

        from portal import (  # noqa: F401 (checks register themselves)
            admin_app_list,
            admin_plurals,
            admin_russian,
            cache_invalidation,
            checks,
            newlines,
        )

        cache_invalidation.connect()
        newlines.install()
        admin_russian.install()
        admin_plurals.install()
        admin_app_list.install(admin.site)  # last: it keeps what the other wrappers made
        _register_files()


def _register_files():
    from portal import files
    from portal.models import NormativeDocument

    # Published for everyone, anonymous visitors included.
    files.register(NormativeDocument, "file", visible=lambda user: NormativeDocument.objects.all(),
                   filename=lambda row: row.title + "." + row.file.name.rsplit(".", 1)[-1])
