from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Applications")

    def ready(self):
        from applications import cache_invalidation, files
        from portal import dashboard, demo, pagecache

        cache_invalidation.connect()
        files.register()

        dashboard.register("applications.dashboard.applications_panel", scopes=[pagecache.APPLICATIONS])
        demo.register("applications.demo.load_demo_applications")
