"""Electronic house passports end to end (seed 000): an organisation with an agreement in force and a
served building creates a passport, fills its sections, fails the check once, signs it with the
(stand-in) CryptoPro plug-in and sends it; the reviewer returns it with remarks; the organisation fixes
and sends it again; the reviewer accepts it.

The steps are module-level functions taking a page, so a longer end-to-end test can chain them after
the agreement and the served-address notice flows."""

import importlib

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, ReviewerFactory
from agreements.tests.factories import LEGAL_SUBJECT
from passports.choices import Status
from passports.models import Passport
from passports.tests import factories
from signing.certificates import trusted_certificates_import
from signing.testing import pki
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_application_signing import install_plugin, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GENERAL = {"year_built": "1985", "floors": "9", "entrances": "4", "flats": "144", "total_area": "8120,5",
           "living_area": "6050", "wall_material": "panel", "energy_class": "C"}
SYSTEMS = {"heating": ("central", "good", "ТС-0012", "2025-03-01"),
           "hot_water": ("central", "needs_repair", "ГВ-771", "2025-04-10"),
           "cold_water": ("central", "good", "ХВ-310", "2025-04-10"),
           "sewerage": ("central", "good", None, None),
           "electricity": ("central", "good", "ЭЛ-5523", "2024-11-20"),
           "gas": ("none", None, None, None)}


@pytest.fixture(autouse=True)
def passport_reference_data(reference_data):
    """The reviewers' permissions on passports come from this app's data migration."""
    from django.apps import apps

    importlib.import_module("passports.migrations.0002_reviewer_permissions").grant(apps, None)


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    return pki.Authority(tmp_path_factory.mktemp("passport-pki"), "root", "gost2012_256_TCA",
                         subject="/CN=Тестовый УЦ/O=Test PKI")


@pytest.fixture
def organisation_with_building():
    """An organisation whose agreement is accepted, with a password and one building served today."""
    reviewer = ReviewerFactory(username="reviewer", is_staff=False)
    org = factories.organisation(reviewer)
    org.set_password(PASSWORD)
    org.save()
    return org, factories.served(org)


# --- steps ---------------------------------------------------------------------------------------

def create_passport(page, address):
    page.goto("/passports/buildings/")
    row = page.locator("#buildings-table tr", has_text=address.full_text)
    row.get_by_role("button", name="Создать паспорт").click()
    expect(page.locator("#passport-form")).to_be_visible()


def fill_passport(page, general=GENERAL, systems=SYSTEMS, before_saving=None):
    """Fill the open passport form and save it (before_saving(page) runs just before, e.g. a screenshot)."""
    for name, value in general.items():
        field = page.locator(f"[name={name}]")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    for kind, (supply, state, meter, verified) in systems.items():
        page.locator(f"[name={kind}-supply]").select_option(supply)
        page.locator(f"[name={kind}-state]").select_option(state or "")
        page.locator(f"[name={kind}-meter_installed]").set_checked(bool(meter))
        page.locator(f"[name={kind}-meter_number]").fill(meter or "")
        page.locator(f"[name={kind}-meter_verified_on]").fill(verified or "")
    if before_saving:
        before_saving(page)
    page.get_by_role("button", name="Сохранить паспорт").click()
    expect(page.locator(".alert-success")).to_contain_text("Паспорт сохранён")


def check_passport(page):
    page.get_by_role("button", name="Проверить паспорт").click()


def edit_passport(page, **general):
    page.get_by_role("link", name="Редактировать").click()
    fill_passport(page, general=general, systems={})


def sign_and_send(page):
    """Sign the checked passport with the plug-in's only certificate, then send it."""
    page.locator(".signer-certificate").select_option(index=1)
    page.locator(".signer-button").click()
    expect(page.locator(".signer-result").last).to_contain_text("верна", timeout=20_000)
    page.reload()
    page.get_by_role("button", name="Отправить в муниципалитет").click()
    expect(page.locator(".alert-success")).to_contain_text("отправлен в муниципалитет")


def review_passport(page, number, decision, remarks=""):
    """From the staff dashboard: open the passport and accept it or return it with remarks."""
    page.goto("/staff/")
    page.locator("#passports-panel").get_by_role("link", name=number).click()
    expect(page.locator(".general-data")).to_be_visible()
    if decision == "accept":
        page.get_by_role("button", name="Принять паспорт").click()
    else:
        page.locator("[name=remarks]").fill(remarks)
        page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.locator(".alert-success")).to_be_visible()


# --- the flow ------------------------------------------------------------------------------------

def test_a_passport_is_filled_checked_signed_returned_fixed_and_accepted(browser, live_server, page, screenshot,
                                                                        tmp_path, authority, organisation_with_building,
                                                                        request):
    org, address = organisation_with_building
    trusted_certificates_import(authority.cert.read_bytes(), kind="root")
    install_plugin(page, authority.issue("romashka-key", "gost2012_256_B", LEGAL_SUBJECT), tmp_path)
    log_in(page, org.username)

    create_passport(page, address)
    fill_passport(page, general={**GENERAL, "living_area": "9000"},  # more than the total area
                  before_saving=lambda _page: screenshot("form"))
    check_passport(page)
    expect(page.locator("#problems")).to_contain_text("не может быть больше общей площади")
    screenshot("check-problems")
    edit_passport(page, living_area="6050")
    check_passport(page)
    expect(page.locator(".status-badge").first).to_have_text("Проверен")
    screenshot("checked")
    sign_and_send(page)
    passport = Passport.objects.get()
    assert passport.status == Status.SENT and passport.number
    screenshot("sent")

    reviewer_page = browser.new_page(base_url=live_server.url)
    log_in(reviewer_page, "reviewer")
    reviewer_page.goto("/staff/")
    reviewer_page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-dashboard.png"), full_page=True)
    review_passport(reviewer_page, passport.number, "return", "Уточните количество квартир по данным БТИ.")
    assert Passport.objects.get().status == Status.RETURNED

    page.reload()
    expect(page.locator("#remarks")).to_contain_text("данным БТИ")
    screenshot("returned")
    edit_passport(page, flats="143")
    check_passport(page)
    sign_and_send(page)

    review_passport(reviewer_page, passport.number, "accept")
    reviewer_page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-review-accepted.png"), full_page=True)
    reviewer_page.close()
    passport.refresh_from_db()
    assert passport.status == Status.ACCEPTED and passport.flats == 143
    page.reload()
    expect(page.locator(".status-badge").first).to_have_text("Принят")
    screenshot("accepted")
