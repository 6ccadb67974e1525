from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = _("Information systems")

    def ready(self):
        from integrations.models import (
            Delegation,
            DelegationEvent,
            InformationSystem,
            SystemCertificate,
            SystemEvent,
            SystemOperator,
        )
        from portal import cache_invalidation, dashboard

        cache_invalidation.connect_scope("integrations", InformationSystem, SystemEvent, SystemCertificate,
                                         SystemOperator, Delegation, DelegationEvent)
        dashboard.register("integrations.dashboard.systems_panel", scopes=["integrations"])
