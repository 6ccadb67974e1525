"""Seed 002: an organisation registers its own information system with the system's certificate and signs the
application with the (stand-in) CryptoPro plug-in; a reviewer activates it from the dashboard; the
organisation delegates notices and passports to it and sees its information-provider identifier. Then an
IS operator's commercial system receives a delegation request from another organisation and accepts it."""

import importlib

import pytest
from playwright.sync_api import expect

from accounts import sample_numbers
from accounts.tests.factories import PASSWORD, ReviewerFactory
from agreements.tests.factories import LEGAL_SUBJECT, accepted
from agreements.tests.pki_fixtures import STRANGER_SUBJECT
from integrations import services
from integrations.choices import DelegationStatus, SystemKind, SystemStatus
from integrations.models import Delegation, InformationSystem
from integrations.tests import factories
from signing.certificates import trusted_certificates_import
from signing.testing import pki
from tests.browser.test_application_signing import install_plugin, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def integration_reference_data(reference_data):
    from django.apps import apps

    importlib.import_module("integrations.migrations.0002_reviewer_permissions").grant(apps, None)


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    return pki.Authority(tmp_path_factory.mktemp("systems-pki"), "root", "gost2012_256_TCA",
                         subject="/CN=Тестовый УЦ/O=Test PKI")


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def both_widths(page, screenshot, step):
    """A screenshot at desktop width and one at phone width; the page stays at desktop width."""
    screenshot(step)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    screenshot(f"{step}-phone")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
        .map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)""")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, f"horizontal scroll: {wide}"
    page.set_viewport_size(size)


def test_an_organisation_registers_its_own_system_and_delegates_rights_to_it(browser, live_server, page, screenshot,
                                                                             tmp_path, authority):
    trusted_certificates_import(authority.cert.read_bytes(), kind="root")
    ReviewerFactory(username="reviewer", is_staff=False)
    organisation = with_password(accepted(ReviewerFactory(username="reviewer-2")).organisation)
    key = authority.issue("romashka-system", "gost2012_256_B", LEGAL_SUBJECT)
    install_plugin(page, key, tmp_path)
    log_in(page, organisation.username)

    page.goto("/integrations/")
    both_widths(page, screenshot, "systems-empty")
    page.get_by_role("link", name="Сформировать заявку на новую собственную ИС").click()
    fields = factories.system_fields()
    for name in ("full_name", "short_name", "oktmo", "admin_last_name", "admin_first_name", "admin_patronymic",
                 "admin_position", "admin_phone", "admin_email"):
        page.locator(f"#id_{name}").fill(fields[name])
    page.get_by_label("Извещения об обслуживаемых адресах").check()
    page.get_by_label("Паспорта домов").check()
    page.locator("#id_certificate").set_input_files(str(key.cert))
    page.locator("#id_security_confirmed").check()
    page.locator("#id_agreement_confirmed").check()
    both_widths(page, screenshot, "application-form")
    page.get_by_role("button", name="Сформировать заявку").click()
    expect(page.get_by_text("Заявка сформирована")).to_be_visible()

    page.locator(".signer-certificate").select_option(index=1)
    page.locator(".signer-button").click()
    expect(page.locator(".signer-result.text-success")).to_be_visible(timeout=20_000)
    system = InformationSystem.objects.get()
    assert system.status == SystemStatus.SUBMITTED

    reviewer_page = browser.new_page(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    log_in(reviewer_page, "reviewer")
    reviewer_page.goto("/staff/")
    reviewer_page.locator("#systems-panel").get_by_role("link", name=system.short_name).click()
    reviewer_page.get_by_role("button", name="Активировать").click()
    expect(reviewer_page.locator(".alert-success")).to_contain_text("Система активирована")
    reviewer_page.close()
    system.refresh_from_db()
    assert system.status == SystemStatus.ACTIVE

    page.goto("/integrations/rights/")
    page.locator("#id_system").select_option(str(system.pk))
    page.get_by_label("Извещения об обслуживаемых адресах").check()
    page.get_by_label("Паспорта домов").check()
    page.locator("#id_starts_on").fill("2026-11-01")
    page.get_by_role("button", name="Отправить заявку").click()
    expect(page.locator(".alert-success")).to_contain_text("Права предоставлены")
    delegation = Delegation.objects.get()
    assert delegation.status == DelegationStatus.ACCEPTED
    expect(page.locator("#delegations-table")).to_contain_text(str(delegation.provider_id))
    both_widths(page, screenshot, "rights")
    page.goto(f"/integrations/{system.pk}/")
    expect(page.locator("#system-identifier")).to_have_text(str(system.identifier))
    expect(page.locator("#providers-table")).to_contain_text(str(delegation.provider_id))
    both_widths(page, screenshot, "system-active")


def test_an_operator_accepts_a_delegation_request_to_its_commercial_system(browser, live_server, page, screenshot,
                                                                           tmp_path, authority):
    trusted_certificates_import(authority.cert.read_bytes(), kind="root")
    reviewer = ReviewerFactory(username="reviewer", is_staff=False)
    operator = with_password(accepted(reviewer, inn=sample_numbers.inn_legal("500100732"),
                                      ogrn=sample_numbers.ogrn("102500000000"), org_short_name="ООО «Лютик»",
                                      email="office@lyutik.example.ru").organisation)
    organisation = with_password(accepted(reviewer).organisation)
    operator_key = authority.issue("lyutik-system", "gost2012_256_B", STRANGER_SUBJECT)

    reviewer_page = browser.new_page(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    log_in(reviewer_page, "reviewer")
    reviewer_page.goto("/integrations/staff/operators/?q=Лютик")
    reviewer_page.get_by_role("button", name="Предоставить функцию").click()
    expect(reviewer_page.locator(".alert-success")).to_be_visible()
    reviewer_page.close()
    assert services.is_system_operator(operator)

    system = factories.draft_system(operator, operator_key, kind=SystemKind.COMMERCIAL, short_name="Облако Лютика",
                                    full_name="Облачный биллинг ООО «Лютик»")
    source = tmp_path / "application.txt"
    source.write_bytes(system.text_bytes)
    signature = pki.sign(operator_key, source, tmp_path / "application.sig", cades=True).read_bytes()
    assert services.system_sign(system=system, data=signature).valid
    services.system_activate(system=system, actor=reviewer)

    log_in(page, organisation.username)
    page.goto("/integrations/rights/")
    page.locator("#id_system").select_option(str(system.pk))
    page.get_by_label("Паспорта домов").check()
    page.locator("#id_starts_on").fill("2026-12-01")
    page.locator("#id_ends_on").fill("2027-12-31")
    page.get_by_role("button", name="Отправить заявку").click()
    expect(page.locator(".alert-success")).to_contain_text("оператору ИС")
    delegation = Delegation.objects.get()
    assert delegation.status == DelegationStatus.SENT

    page.context.clear_cookies()
    log_in(page, operator.username)
    page.goto("/integrations/")
    page.get_by_role("link", name="Открыть").click()
    both_widths(page, screenshot, "received")
    page.get_by_role("link", name=delegation.org_name).click()
    both_widths(page, screenshot, "request")
    page.get_by_role("button", name="Принять заявку").click()
    expect(page.locator(".alert-success")).to_contain_text("поставщиком информации")
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.ACCEPTED and delegation.provider_id
    expect(page.locator("main")).to_contain_text(str(delegation.provider_id))
    screenshot("accepted")
