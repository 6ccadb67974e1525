from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontofficeConfig(AppConfig):
    name = "frontoffice"
    verbose_name = _("Front office")

    def ready(self):
        from frontoffice.models import Intake, Service, ServiceDocument
        from portal import dashboard, demo
        from portal.cache_invalidation import connect_scope

        # The executor's panel lists the intakes given to them: a new intake renders the dashboard afresh.
        dashboard.register("frontoffice.views.dashboard_panel", scopes=["frontoffice"])
        connect_scope("frontoffice", Intake, Service, ServiceDocument)
        demo.register("frontoffice.demo.load_demo_services")
