from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PassportsConfig(AppConfig):
    name = "passports"
    verbose_name = _("House passports")

    def ready(self):
        from passports.models import EngineeringSystem, Passport, PassportEvent
        from portal import cache_invalidation, dashboard, demo, home

        cache_invalidation.connect_scope("passports", Passport, EngineeringSystem, PassportEvent)

        dashboard.register("passports.dashboard.passports_panel", scopes=["passports"])
        home.register("passports.home.passports_section", scopes=["passports"])
        demo.register("passports.demo.load_demo_passport")
