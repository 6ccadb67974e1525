from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AddressesConfig(AppConfig):
    name = "addresses"
    verbose_name = _("Addresses")

    def ready(self):
        from portal import dashboard, demo

        demo.register("addresses.demo.load_demo_addresses")
        dashboard.register("addresses.notice_dashboard.notices_panel")
