"""The admin's action bar and bulk deletion count in Russian plural forms as boxes are ticked
(portal.admin_plurals and static/portal/admin_counter.js over Django's actions.js)."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import StaffFactory
from appeals.models import Topic
from tests.browser.mfa import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ticking_rows_counts_them_in_the_names_forms(page, screenshot):
    StaffFactory(username="chief", is_superuser=True)
    Topic.objects.all().delete()
    Topic.objects.bulk_create(Topic(name=f"Тема {number}") for number in range(5))
    log_in(page, "chief")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/admin/appeals/topic/")
    counter = page.locator(".action-counter")
    expect(counter).to_have_text("Выбрано: 0 тем обращения из 5")
    expect(page.locator(".paginator")).to_contain_text("5 тем обращения")
    boxes = page.locator("#result_list input.action-select")
    boxes.nth(0).check()
    expect(counter).to_have_text("Выбрано: 1 тема обращения из 5")
    boxes.nth(1).check()
    expect(counter).to_have_text("Выбрано: 2 темы обращения из 5")
    page.locator("#action-toggle").check()
    expect(counter).to_have_text("Выбрано: 5 тем обращения из 5")
    screenshot("selected-1366")
    page.locator("select[name=action]").select_option("delete_selected")
    page.get_by_role("button", name="Выполнить").click()
    expect(page.locator("#content")).to_contain_text("Удалить выбранное (5 тем обращения)?")
    page.get_by_role("button", name="Да, я уверен").click()
    expect(page.locator(".messagelist")).to_contain_text("Удалено: 5 тем обращения.")
    assert not Topic.objects.exists()
