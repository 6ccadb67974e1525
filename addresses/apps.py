from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AddressesConfig(AppConfig):
    name = "addresses"
    verbose_name = _("Addresses")

    def import_models(self):
        # The notices sub-domain keeps its models in addresses/notices/models.py under this app's label;
        # importing them here (not from addresses/models.py) keeps the register free of an import cycle.
        super().import_models()
        import_module("addresses.notices.models")

    def ready(self):
        from addresses.models import ServedAddress
        from addresses.notices.models import Notice, NoticeAddress, NoticeEvent
        from portal import cache_invalidation, dashboard, demo, home

        cache_invalidation.connect_scope("notices", Notice, NoticeAddress, NoticeEvent, ServedAddress)

        demo.register("addresses.demo.load_demo_addresses")
        dashboard.register("addresses.notices.dashboard.notices_panel", scopes=["notices"])
        home.register("addresses.notices.home.notices_section", scopes=["notices"])
