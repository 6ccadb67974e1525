from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PassportsConfig(AppConfig):
    name = "passports"
    verbose_name = _("House passports")

    def ready(self):
        from portal import dashboard, demo

        dashboard.register("passports.dashboard.passports_panel")
        demo.register("passports.demo.load_demo_passport")
