"""Staff personas have an authenticator app (accounts.tests.factories.enrol_totp): after the password
the portal asks for its code (issue 11). Browser tests submit the login form through `submit_login`."""

from django.core.cache import cache

from accounts.models import User
from accounts.tests.factories import totp_code


def log_in(page, login, password=None):
    """The login form with the persona's password, then its second factor when it has one."""
    from accounts.tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(password or PASSWORD)
    submit_login(page, login)


def submit_login(page, login):
    with page.expect_navigation():
        page.get_by_role("button", name="Войти").click()
    if "/accounts/2fa/authenticate/" in page.url:
        type_totp_code(page, login)


def type_totp_code(page, login):
    code = totp_code()
    # One code works once (allauth remembers it for its 30 s period); a test that logs the same persona
    # in twice within one period stands for two logins minutes apart, so the memory is dropped.
    user = User.objects.filter(username=login).first()
    if user is not None:
        cache.delete(f"allauth.mfa.totp.used?user={user.pk}&code={code}")
    page.locator("input[name=code]").fill(code)
    with page.expect_navigation():
        page.locator("#main form button[type=submit]").first.click()
