"""The security officer's audit page (issue 12 §5), clicked through in Chromium at desktop and phone width."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.tests.factories import StaffFactory
from applications.tests.factories import submitted
from tests.browser.mfa import log_in as sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, login):
    page.context.clear_cookies()
    sign_in(page, login)


@pytest.fixture
def officer(db):
    # The data migration's group, put back after the transactional flush like the other reference data.
    importlib.import_module("audit.migrations.0002_security_officers").grant(apps, None)
    user = StaffFactory(username="officer", full_name="Безопасникова Ольга Игоревна")
    user.groups.add(Group.objects.get(name="Security officers"))
    return user


def test_the_security_officer_finds_who_saw_an_applicants_data(page, screenshot, applicant, officer):
    application = submitted(applicant)
    _log_in(page, "applicant")
    page.get_by_role("link", name=applicant.display_name).click()  # the profile
    expect(page.locator("h1")).to_be_visible()
    with page.expect_download():
        page.goto(f"/applications/{application.pk}/receipt/")
        page.locator(f"a[href='/applications/{application.pk}/receipt.pdf']").first.click()

    page.set_viewport_size({"width": 1366, "height": 900})
    _log_in(page, "officer")
    page.get_by_role("link", name="Аудит", exact=True).click()
    expect(page.get_by_role("heading", name="Аудит персональных данных")).to_be_visible()
    page.get_by_label("Чьи данные").fill("applicant")
    page.get_by_label("Записи").select_option("access")
    page.get_by_role("button", name="Найти").click()
    rows = page.locator(".audit-table tbody tr")
    expect(rows.filter(has_text="профиль")).to_have_count(1)
    expect(rows.filter(has_text="квитанция")).to_have_count(1)
    expect(rows.first).to_contain_text("Просмотр")
    expect(rows.first).to_contain_text("127.0.0.1")
    expect(rows.first).to_contain_text(applicant.display_name)
    screenshot("desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    cards = page.locator(".audit-cards li")
    expect(rows.first).to_be_hidden()
    expect(cards.first).to_be_visible()
    expect(cards.filter(has_text="квитанция")).to_contain_text("127.0.0.1")
    screenshot("phone")

    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_label("С", exact=True).fill("2026-05-02")
    page.get_by_label("По", exact=True).fill("2026-05-01")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_role("alert")).to_contain_text("Начало периода позже его конца")
    expect(page.get_by_label("Чьи данные")).to_have_value("applicant")
    screenshot("wrong-period")

    page.get_by_role("link", name="Сбросить").click()
    page.get_by_label("Чьи данные").fill("applicant")
    page.get_by_label("Записи").select_option("changes")
    page.get_by_role("button", name="Найти").click()
    expect(rows.filter(has_text="Создание").first).to_contain_text("→")
    expect(rows.filter(has_text=application.number).first).to_be_visible()
    screenshot("changes")
