"""The organisation's and the reviewer's lists on a phone (390 px): no page scrolls sideways, no table
hides columns in a scrolling box, and the lists are cards with the status and the next action first."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from addresses.tests import notice_factories
from addresses.tests.factories import AddressFactory
from agreements.tests.factories import submitted as submitted_agreement
from passports.tests import factories as passport_factories
from tests.browser.mfa import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
LONG_STREET = "ул. Константина Заслонова-Переславского"

SIDEWAYS = """() => {
  const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  const boxes = [...document.querySelectorAll('main *')].filter(el => {
    const style = getComputedStyle(el);
    return ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth - el.clientWidth > 1;
  }).map(el => el.className || el.tagName);
  return {page, boxes};
}"""


def assert_fits(page, url):
    found = page.evaluate(SIDEWAYS)
    width = page.viewport_size["width"]
    assert found["page"] <= 0 and not found["boxes"], f"{url} scrolls sideways at {width} px: {found}"


@pytest.fixture
def busy_organisation(reviewer):
    """An organisation with an agreement in force, notices and passports in several states, long addresses,
    and another organisation's agreement waiting for the reviewer."""
    org = passport_factories.organisation(reviewer)
    org.set_password(PASSWORD)
    org.save()
    long_address = lambda number: AddressFactory(street=LONG_STREET, house=str(number))  # noqa: E731
    notice_factories.draft(org, [long_address(1)])
    notice_factories.sent(org, [long_address(2), long_address(3)])
    passport_factories.draft(org, passport_factories.served(org, long_address(4)))
    passport_factories.sent(org, passport_factories.served(org, long_address(5)))
    passport_factories.served(org, long_address(6))
    submitted_agreement(org_short_name="ООО «Управляющая компания Заречного микрорайона»",
                        inn=notice_factories.STRANGER_INN, ogrn=notice_factories.STRANGER_OGRN,
                        email="office@zarechny.example.ru")
    return org


ORGANISATION_PAGES = ["/", "/agreements/mine/", "/addresses/notices/", "/addresses/served/", "/passports/",
                      "/passports/buildings/", "/integrations/", "/integrations/rights/", "/integrations/received/"]
REVIEWER_PAGES = ["/staff/", "/agreements/staff/", "/addresses/staff/notices/", "/passports/staff/",
                  "/integrations/staff/", "/integrations/staff/operators/"]


# How far apart the menu items' tops are: more than a few pixels means the bar wrapped onto a second line.
MENU_SPREAD = """() => {
  const tops = [...document.querySelectorAll('nav.navbar .nav-item')].map(el => el.getBoundingClientRect().top);
  return Math.max(...tops) - Math.min(...tops);
}"""


def visit_all(page, screenshot, login, urls, prefix):
    log_in(page, login)
    for viewport, width in ((PHONE, "390"), (DESKTOP, "1366")):
        page.set_viewport_size(viewport)
        for url in urls:
            page.goto(url)
            assert_fits(page, url)
            if viewport is DESKTOP:
                assert page.evaluate(MENU_SPREAD) < 8, f"the menu wraps at 1366 px on {url}"
            screenshot(f"{prefix}-{width}-{url.strip('/').replace('/', '-') or 'home'}")


def detail_pages(organisation):
    """The pages of one notice, one passport and the waiting agreement: (organisation's, reviewer's)."""
    from addresses.notices.models import Notice
    from agreements.models import Agreement
    from passports.models import Passport

    notice = Notice.objects.filter(organisation=organisation, status="sent").get()
    passport = Passport.objects.filter(organisation=organisation, status="sent").get()
    waiting = Agreement.objects.get(status="submitted")
    return ([f"/addresses/notices/{notice.pk}/", f"/passports/{passport.pk}/"],
            [f"/addresses/staff/notices/{notice.pk}/", f"/passports/staff/{passport.pk}/",
             f"/agreements/staff/{waiting.pk}/"])


def test_the_organisations_pages_fit_a_phone(page, screenshot, busy_organisation):
    pages = ORGANISATION_PAGES + detail_pages(busy_organisation)[0]
    visit_all(page, screenshot, busy_organisation.username, pages, "organisation")


def test_the_reviewers_pages_fit_a_phone(page, screenshot, busy_organisation, reviewer):
    visit_all(page, screenshot, reviewer.username, REVIEWER_PAGES + detail_pages(busy_organisation)[1], "reviewer")


@pytest.mark.parametrize(("url", "status", "action"), [
    ("/addresses/notices/", "Черновик", "Открыть"),
    ("/passports/", "Черновик", "Открыть"),
])
def test_organisation_lists_are_cards_with_the_status_and_action_first(page, busy_organisation, url, status, action):
    log_in(page, busy_organisation.username)
    page.set_viewport_size(PHONE)
    page.goto(url)
    card = page.locator("table.table-cards tr.card-row", has=page.get_by_text(status, exact=True)).first
    expect(card).to_be_visible()
    first_cell = card.locator("td").first.bounding_box()
    assert card.locator(".card-status").bounding_box()["y"] <= first_cell["y"] + 2, "the status comes first"
    expect(page.locator("table.table-cards thead")).to_be_hidden()


@pytest.mark.parametrize("url", ["/agreements/staff/", "/addresses/staff/notices/", "/passports/staff/"])
def test_reviewer_queues_are_cards_with_the_status_first(page, busy_organisation, reviewer, url):
    log_in(page, reviewer.username)
    page.set_viewport_size(PHONE)
    page.goto(url)
    card = page.locator("table.table-cards tr.card-row").first
    expect(card).to_be_visible()
    assert card.locator(".card-status").bounding_box()["y"] <= card.locator("td").first.bounding_box()["y"] + 2


def test_the_utility_staff_dashboard_fits_a_phone(page, screenshot, applicant):
    """The open appeals panel (cards by position: static/portal/portal.css, .appeals-queue)."""
    from accounts.tests.factories import StaffFactory
    from appeals.tests.factories import registered
    from portal.tests.factories import BranchFactory

    branch = BranchFactory()
    branch.staff.add(StaffFactory(username="staffer"))
    registered(applicant, branch=branch, text="Когда подключат дом? " * 10)
    log_in(page, "staffer")
    page.set_viewport_size(PHONE)
    page.goto("/staff/")
    expect(page.locator(".appeals-queue tbody tr").first).to_be_visible()
    assert_fits(page, "/staff/")
    screenshot("staff-390")
