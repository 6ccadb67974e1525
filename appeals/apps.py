from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = _("Appeals")

    def ready(self):
        from accounts import visibility
        from appeals import files
        from appeals.models import Appeal, AppealEvent, AppealFile, AppealNote
        from portal import cache_invalidation, dashboard, demo, home

        cache_invalidation.connect_scope("appeals", Appeal, AppealEvent, AppealFile, AppealNote)

        files.register()
        dashboard.register("appeals.dashboard.appeals_panel", scopes=["appeals"])
        home.register("appeals.home.appeals_section", scopes=["appeals"])
        demo.register("appeals.demo.load_demo_appeals")
        visibility.register(_applicants_for_staff)


def _applicants_for_staff(staff_user):
    """accounts.visibility: staff see the applicants of the appeals they see."""
    from appeals.models import Appeal

    return Appeal.objects.for_staff(staff_user).values("applicant_id")
