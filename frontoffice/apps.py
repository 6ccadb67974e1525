from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontofficeConfig(AppConfig):
    name = "frontoffice"
    verbose_name = _("Front office")

    def ready(self):
        from portal import dashboard, demo

        dashboard.register("frontoffice.views.dashboard_panel")
        demo.register("frontoffice.demo.load_demo_services")
