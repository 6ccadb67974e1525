from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import cache_invalidation, checks, mfa  # noqa: F401 - checks registers itself

        cache_invalidation.connect()
        mfa.connect()
