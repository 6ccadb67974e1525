from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AddressesConfig(AppConfig):
    name = "addresses"
    verbose_name = _("Addresses")

    def ready(self):
        from addresses.models import Notice, NoticeAddress, NoticeEvent, ServedAddress
        from portal import cache_invalidation, dashboard, demo, home

        cache_invalidation.connect_scope("notices", Notice, NoticeAddress, NoticeEvent, ServedAddress)

        demo.register("addresses.demo.load_demo_addresses")
        dashboard.register("addresses.notice_dashboard.notices_panel", scopes=["notices"])
        home.register("addresses.notice_home.notices_section", scopes=["notices"])
