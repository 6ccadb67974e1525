"""The staff dashboard and the normative documents page, clicked through in Chromium."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, StaffFactory
from applications.tests.factories import submitted
from portal.models import NormativeDocument
from portal.tests.factories import BranchFactory
from tests.browser.mfa import submit_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_see_queues_and_open_an_application_from_the_dashboard(page, screenshot, applicant):
    staff = StaffFactory(username="staff")
    BranchFactory().staff.add(staff)
    application = submitted(applicant)
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill("staff")
    page.locator("input[name=password]").fill(PASSWORD)
    submit_login(page, "staff")
    page.get_by_role("link", name="Рабочее место", exact=True).click()
    expect(page.get_by_role("heading", name="Заявки по месяцам и статусам")).to_be_visible()
    expect(page.locator(".queue-card").first).to_contain_text("Сформирована")
    expect(page.locator(".queue-card").first).to_contain_text("1")
    screenshot("dashboard")
    page.locator(".queue-card").first.click()
    # The queue's rows (applications.admin_queue): the checkbox and the link of each; a member of one
    # branch is offered no branch filter (issue 18), the other filters stay.
    expect(page.locator("input.action-select")).to_have_count(1)
    expect(page.locator("#changelist-filter a[href*='status__exact']").first).to_be_attached()
    expect(page.locator("#changelist-filter a[href*='branch__id__exact']")).to_have_count(0)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        screenshot(f"queue-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=application.number).click()
    expect(page.get_by_role("link", name="Взять в работу")).to_be_visible()


def test_anyone_downloads_a_city_s_normative_documents(page, screenshot):
    kursk = BranchFactory(city="Курск", slug="kursk")
    BranchFactory(city="Белгород", slug="belgorod")
    document = NormativeDocument(branch=kursk, title="Правила подключения к системам теплоснабжения")
    document.file.save("rules.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    page.goto("/")
    page.get_by_role("link", name="Документы").click()
    page.get_by_role("link", name="Курск").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Правила подключения к системам теплоснабжения").click()
    assert download.value.suggested_filename.endswith(".pdf")
    screenshot("documents")
    page.get_by_role("link", name="Белгород").click()
    expect(page.get_by_text("Для этого города документы пока не опубликованы.")).to_be_visible()
