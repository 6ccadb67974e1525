"""Issue 11 in Chromium: the e-mail change asks for the password again and tells the old address; a staff
member without a second factor is stopped until an authenticator app is set up (code computed here)."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.models import User
from accounts.tests.factories import PASSWORD, StaffFactory
from accounts.tests.helpers import deliver_outbox, link_in_last_mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1366, "phone": 390}


def shots(page, screenshot, step):
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"{step}-{name}")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def log_in(page, login, password=PASSWORD):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Войти").click()


def code_for(secret, user):
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    cache.delete(f"allauth.mfa.totp.used?user={user.pk}&code={code}")  # a fresh period in real life
    return code


def test_the_email_change_asks_for_the_password_and_tells_the_old_address(page, screenshot, applicant):
    log_in(page, "applicant")  # a session left open on a borrowed computer is just as logged in
    page.get_by_role("link", name="Настройки", exact=True).click()
    page.get_by_role("link", name="Изменить адрес электронной почты").click()
    page.get_by_label("Новый e-mail").fill("fresh@example.ru")
    page.get_by_role("button", name="Продолжить").click()
    expect(page.locator("input[name=password]")).to_be_visible()
    shots(page, screenshot, "reauthenticate")
    page.locator("input[name=password]").fill("Nepravilnyj-99")
    page.locator("#main form button[type=submit]").first.click()
    expect(page.locator("input[name=password]")).to_be_visible()
    assert not mail.outbox or all("fresh@example.ru" not in m.to for m in mail.outbox)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("#main form button[type=submit]").first.click()
    expect(page.get_by_text("Смена на fresh@example.ru")).to_be_visible()
    page.goto(link_in_last_mail("fresh@example.ru", r"http://\S+"))
    page.get_by_role("button", name="Подтвердить").click()
    page.goto("/accounts/settings/")
    expect(page.locator("#settings-email")).to_have_text("fresh@example.ru")
    shots(page, screenshot, "settings")
    page.get_by_role("link", name="Показать").click()  # «Активные сеансы»
    expect(page.locator(".list-group")).to_contain_text("Chrome, Linux")
    shots(page, screenshot, "sessions")
    deliver_outbox()
    [notice] = [m for m in mail.outbox if m.to == ["applicant@example.ru"] and "Безопасность" in m.subject]
    assert "с applicant@example.ru на fresh@example.ru" in notice.body and "/accounts/password/reset/" in notice.body


def test_a_staff_member_enrols_an_authenticator_app_before_the_workplace_opens(page, screenshot):
    StaffFactory(username="newstaff", mfa=False)
    user = User.objects.get(username="newstaff")
    log_in(page, "newstaff")
    expect(page.get_by_role("heading", name="Включите второй фактор")).to_be_visible()
    page.goto("/staff/")
    expect(page.get_by_role("heading", name="Включите второй фактор")).to_be_visible()
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Включите второй фактор")).to_be_visible()
    shots(page, screenshot, "enrolment-required")
    page.get_by_role("link", name="Настроить приложение-аутентификатор").click()
    page.locator("input[name=password]").fill(PASSWORD)  # allauth asks for the password before any MFA change
    page.get_by_role("button", name="Подтвердить").click()
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    expect(page.locator("img[alt='QR-код для приложения-аутентификатора']")).to_be_visible()
    shots(page, screenshot, "totp-activate")
    page.locator("input[name=code]").fill(code_for(secret, user))
    page.locator("#main form button[type=submit]").first.click()
    page.wait_for_url(re.compile("/accounts/2fa/recovery-codes/"))
    shots(page, screenshot, "recovery-codes")
    page.goto("/accounts/2fa/")
    shots(page, screenshot, "mfa-index")
    page.goto("/staff/")
    expect(page.get_by_role("link", name="Рабочее место", exact=True)).to_be_visible()
    assert "Включите второй фактор" not in page.content()

    page.get_by_role("button", name="Выход").click()
    log_in(page, "newstaff")
    assert "/accounts/2fa/authenticate/" in page.url
    shots(page, screenshot, "second-factor")
    page.locator("input[name=code]").fill(code_for(secret, user))
    with page.expect_navigation():
        page.locator("#main form button[type=submit]").first.click()
    page.goto("/admin/")
    expect(page.locator("#site-name")).to_be_visible()


LONG_TEXT = "Прошу сообщить сроки подключения жилого дома на ул. Садовой, 12. " * 20


def test_a_form_refused_after_logging_in_again_elsewhere_keeps_its_text(page, screenshot, applicant,
                                                                        other_applicant):
    """Issue 11 item 6: log out and in again in another tab, then send a long appeal from the first one."""
    log_in(page, "applicant")
    page.goto("/appeals/new/")
    page.locator("#id_text").fill(LONG_TEXT)
    other = page.context.new_page()  # the same browser, another tab
    other.goto("/")
    other.get_by_role("button", name="Выход").click()
    other.locator("input[name=login]").fill("applicant")
    other.locator("input[name=password]").fill(PASSWORD)
    with other.expect_navigation():
        other.get_by_role("button", name="Войти").click()
    other.close()
    page.locator("#appeal-form button[type=submit]").click()
    expect(page.get_by_role("heading", name="Страница устарела: ничего не отправлено")).to_be_visible()
    shots(page, screenshot, "csrf-failure")
    page.get_by_role("link", name="Вернуться к форме").click()
    expect(page.locator("#id_text")).to_have_value(LONG_TEXT)
    drafts = "Object.keys(localStorage).filter(k => k.startsWith('portal-draft:')).length"
    assert page.evaluate(drafts) == 1
    page.get_by_role("button", name="Выход").click()
    log_in(page, "other")  # the next person at a shared computer does not get the draft
    assert page.evaluate(drafts) == 0


def test_a_staff_member_enrols_a_security_key_and_logs_in_with_it(page, screenshot, settings):
    """WebAuthn with Chromium's virtual authenticator (DevTools protocol) standing in for a USB key."""
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server speaks http://localhost
    StaffFactory(username="keyholder", mfa=False)
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "usb", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    log_in(page, "keyholder")
    page.get_by_role("link", name="Добавить ключ безопасности").click()
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Подтвердить").click()
    page.locator("#mfa_webauthn_add").wait_for()
    shots(page, screenshot, "webauthn-add")
    with page.expect_navigation():
        page.locator("#mfa_webauthn_add").click()
    page.goto("/staff/")
    assert "Включите второй фактор" not in page.content()
    page.get_by_role("button", name="Выход").click()
    log_in(page, "keyholder")
    assert "/accounts/2fa/authenticate/" in page.url
    with page.expect_navigation():
        page.locator("#mfa_webauthn_authenticate").click()
    page.goto("/staff/")
    expect(page.get_by_role("link", name="Рабочее место", exact=True)).to_be_visible()
