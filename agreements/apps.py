from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        from portal import dashboard, demo

        dashboard.register("agreements.dashboard.agreements_panel")
        demo.register("agreements.demo.load_demo_organisation")
