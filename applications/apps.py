from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Applications")

    def ready(self):
        from accounts import visibility
        from applications import cache_invalidation, files
        from portal import dashboard, demo, home, pagecache

        cache_invalidation.connect()
        files.register()
        visibility.register(_applicants_for_staff)

        dashboard.register("applications.dashboard.applications_panel", scopes=[pagecache.APPLICATIONS])
        home.register("applications.home.applications_section", scopes=[pagecache.APPLICATIONS])
        demo.register("applications.demo.load_demo_applications")


def _applicants_for_staff(staff_user):
    """accounts.visibility: staff see the applicants of the applications they see."""
    from applications.models import Application

    return Application.objects.for_staff(staff_user).values("applicant_id")
