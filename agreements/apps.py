from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        from agreements.models import Agreement, AgreementEvent
        from portal import cache_invalidation, dashboard, demo, home

        cache_invalidation.connect_scope("agreements", Agreement, AgreementEvent)

        dashboard.register("agreements.dashboard.agreements_panel", scopes=["agreements"])
        home.register("agreements.home.agreement_section", scopes=["agreements"])
        demo.register("agreements.demo.load_demo_organisation")
