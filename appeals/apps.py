from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = _("Appeals")

    def ready(self):
        from appeals.models import Appeal, AppealEvent, AppealFile, AppealNote
        from portal import cache_invalidation, dashboard, demo, home

        cache_invalidation.connect_scope("appeals", Appeal, AppealEvent, AppealFile, AppealNote)

        dashboard.register("appeals.dashboard.appeals_panel", scopes=["appeals"])
        home.register("appeals.home.appeals_section", scopes=["appeals"])
        demo.register("appeals.demo.load_demo_appeals")
