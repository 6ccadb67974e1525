from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit")

    def ready(self):
        from audit import subjects
        from portal import demo

        subjects.connect()
        demo.register("audit.demo.load_demo_officer")
