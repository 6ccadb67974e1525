from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EsiaConfig(AppConfig):
    name = "accounts.esia"
    label = "esia"
    verbose_name = _("ESIA (Gosuslugi) login")

    def ready(self):
        from accounts.esia import receivers

        receivers.connect()
