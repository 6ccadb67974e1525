"""The applicant's main pages on a phone (390 px) and a desktop (1366 and 1920 px): no horizontal
scroll, lists as cards with the status and the next action first, a one-line navigation bar."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.tests.factories import StaffFactory
from appeals.tests.factories import registered
from applications.tests.factories import ApplicationFactory, submitted
from portal.tests.factories import BranchFactory
from tests.browser.mfa import log_in as sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WIDE = {"width": 1920, "height": 1080}
LONG_NAME = "Константинопольская-Ивановская Екатерина-Александра Вячеславовна"


def log_in(page, login):
    sign_in(page, login)
    page.wait_for_url("**/")


def horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture
def busy_applicant(applicant):
    """Applications in several states with long file names, and an appeal."""
    User.objects.filter(pk=applicant.pk).update(full_name=LONG_NAME)
    signing = submitted(applicant)
    type(signing).objects.filter(pk=signing.pk).update(status="awaiting_signature")
    submitted(applicant)
    ApplicationFactory(applicant=applicant)
    registered(applicant, text="Когда подключат дом? " * 20)
    applicant.refresh_from_db()
    return applicant


def applicant_pages(applicant):
    application = applicant.applications.exclude(number="").order_by("pk").first()
    return {"home": "/", "applications": "/applications/", "application": f"/applications/{application.pk}/",
            "appeals": "/appeals/", "new-appeal": "/appeals/new/", "profile": "/accounts/profile/",
            "settings": "/accounts/settings/", "new-application": "/applications/new/"}


def test_the_main_applicant_pages_fit_a_phone(page, screenshot, busy_applicant):
    page.set_viewport_size(PHONE)
    log_in(page, busy_applicant.username)
    for name, url in applicant_pages(busy_applicant).items():
        page.goto(url)
        screenshot(f"phone-{name}")
        assert horizontal_overflow(page) <= 0, f"{url} scrolls sideways at 390 px"


def test_the_applications_list_is_cards_with_the_status_and_action_first_on_a_phone(page, screenshot, busy_applicant):
    page.set_viewport_size(PHONE)
    log_in(page, busy_applicant.username)
    page.goto("/applications/")
    card = page.locator(".applications-table tbody tr.application-row", has=page.get_by_text("Ожидает подписи ЭЦП"))
    sign = card.get_by_role("link", name="Подписать")
    expect(sign).to_be_visible()
    status_box, number_box = card.locator(".status-badge").bounding_box(), card.locator("td").first.bounding_box()
    assert status_box["y"] < number_box["y"] + 5, "the status comes first on a card"
    assert sign.bounding_box()["x"] + sign.bounding_box()["width"] <= PHONE["width"]
    screenshot("cards")
    page.set_viewport_size(DESKTOP)
    page.goto("/applications/")
    expect(page.locator(".applications-table thead")).to_be_visible()
    screenshot("table")


@pytest.mark.parametrize("viewport", [DESKTOP, WIDE], ids=["1366", "1920"])
def test_the_navigation_bar_is_one_line_and_shows_the_whole_name(page, screenshot, busy_applicant, viewport):
    page.set_viewport_size(viewport)
    log_in(page, busy_applicant.username)
    nav = page.locator("nav.navbar")
    first, last = nav.get_by_role("link", name="Заявки", exact=True), nav.get_by_role("button", name="Выход")
    assert abs(first.bounding_box()["y"] - last.bounding_box()["y"]) < 8, "the menu wraps"
    name = nav.locator(".user-name")
    if viewport is WIDE:
        assert name.evaluate("el => el.scrollWidth <= el.clientWidth"), "the name is cut at 1920 px"
    else:
        expect(name).to_have_attribute("title", LONG_NAME)
    screenshot(f"navbar-{viewport['width']}")


def test_staff_see_only_their_menu(page, busy_applicant):
    staff = StaffFactory(username="staffer")
    BranchFactory().staff.add(staff)
    log_in(page, "staffer")
    nav = page.locator("nav.navbar")
    expect(nav.get_by_role("link", name="Рабочее место", exact=True)).to_be_visible()
    for applicant_item in ("Заявки", "Обращения", "Настройки"):
        expect(nav.get_by_role("link", name=applicant_item, exact=True)).to_have_count(0)
