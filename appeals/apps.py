from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = _("Appeals")

    def ready(self):
        from portal import dashboard, demo

        dashboard.register("appeals.dashboard.appeals_panel")
        demo.register("appeals.demo.load_demo_appeals")
