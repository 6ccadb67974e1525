from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Applications")

    def ready(self):
        from applications import cache_invalidation
        from portal import dashboard, demo, home, pagecache

        cache_invalidation.connect()

        dashboard.register("applications.dashboard.applications_panel", scopes=[pagecache.APPLICATIONS])
        home.register("applications.home.applications_section", scopes=[pagecache.APPLICATIONS])
        demo.register("applications.demo.load_demo_applications")
