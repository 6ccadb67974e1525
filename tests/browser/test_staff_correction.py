"""Issue 12 §3 in Chromium: staff cannot edit a submitted application in the admin; they correct a
detail through «Исправить данные» with a reason, and the applicant reads the correction in the history."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.tests.factories import StaffFactory
from applications.models import Application
from applications.tests.factories import submitted
from notifications.models import Notification
from portal.tests.factories import BranchFactory
from tests.browser.conftest import SCREENSHOTS
from tests.browser.mfa import log_in as sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, login):
    sign_in(page, login)


def test_a_staff_correction_is_made_in_the_admin_and_read_by_the_applicant(page, browser, live_server, screenshot,
                                                                         applicant):
    staff = StaffFactory(username="staff")
    BranchFactory().staff.add(staff)
    application = submitted(applicant)
    old_email = application.email

    log_in(page, "staff")
    page.goto(reverse("admin:applications_application_change", args=[application.pk]))
    expect(page.locator("input[name=email]")).to_have_count(0)  # read-only: shown, not editable
    expect(page.locator(".field-email")).to_contain_text(old_email)
    page.get_by_role("link", name="Исправить данные").click()
    page.locator("input[name=email]").fill("ivanov.new@example.ru")
    page.get_by_role("button", name="Исправить данные").click()
    expect(page.locator(".errorlist")).to_contain_text("Укажите причину исправления")
    expect(page.locator("input[name=email]")).to_have_value("ivanov.new@example.ru")  # nothing typed is lost
    page.locator("textarea[name=correction_reason]").fill("Заявитель сообщил по телефону, что ошибся в адресе почты.")
    screenshot("admin-form")
    page.get_by_role("button", name="Исправить данные").click()
    expect(page.locator(".messagelist")).to_contain_text("Данные исправлены")
    expect(page.locator(".field-email")).to_contain_text("ivanov.new@example.ru")
    screenshot("admin-done")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("admin-done-phone")
    assert Application.objects.get(pk=application.pk).email == "ivanov.new@example.ru"
    assert Notification.objects.filter(template="application_corrected", recipient=old_email).exists()

    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport={"width": 1366, "height": 900})
    applicant_page = context.new_page()
    log_in(applicant_page, applicant.username)
    applicant_page.goto(reverse("applications:detail", args=[application.pk]) + "#history")
    history = applicant_page.locator(".history-table")
    expect(history).to_contain_text("Исправление данных")
    expect(history).to_contain_text("ошибся в адресе почты")
    expect(history).to_contain_text(f"«{old_email}» → «ivanov.new@example.ru»")
    name = "test_a_staff_correction_is_made_in_the_admin_and_read_by_the_applicant"
    applicant_page.screenshot(path=str(SCREENSHOTS / f"{name}-applicant-desktop.png"), full_page=True)
    applicant_page.set_viewport_size({"width": 390, "height": 844})
    applicant_page.screenshot(path=str(SCREENSHOTS / f"{name}-applicant-phone.png"), full_page=True)
    context.close()
