"""Seed 000 end to end: an organisation fills its requisites, reads the agreement and signs it with the
(stand-in) CryptoPro plug-in; a municipal reviewer accepts it from the staff dashboard; the login e-mail
arrives over real SMTP, its link sets the password, and the signer's name shows top right."""

import importlib
import re
import time

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, ReviewerFactory
from agreements.models import Agreement, Status
from agreements.tests.factories import LEGAL_SUBJECT, form_data
from signing.certificates import trusted_certificates_import
from signing.testing import pki
from tests.browser.conftest import SCREENSHOTS
from tests.browser.mfa import submit_login
from tests.browser.test_application_signing import install_plugin, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "Zeljonyj-Kvadrat-2026"


@pytest.fixture(autouse=True)
def agreement_reference_data(reference_data):
    """The reviewers' permissions and template version 1 come from this app's data migration."""
    from django.apps import apps

    importlib.import_module("agreements.migrations.0002_reviewers_and_template").load(apps, None)


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    return pki.Authority(tmp_path_factory.mktemp("agreement-pki"), "root", "gost2012_256_TCA",
                         subject="/CN=Тестовый УЦ/O=Test PKI")


def fill_requisites(page, data):
    for name, value in data.items():
        page.locator(f"[name={name}]").fill(value)
    page.locator("[name=submit]").click()


def accepted_letter(real_delivery, address):
    for _ in range(50):
        letters = [item["message"] for item in real_delivery.smtp.messages if item["to"] == [address]]
        accepted = [letter for letter in letters
                    if "/accounts/password/reset/key/" in str(letter.get_body(("plain",)).get_content())]
        if accepted:
            return accepted[0]
        time.sleep(0.1)
    raise AssertionError(f"no acceptance e-mail among {len(real_delivery.smtp.messages)} delivered")


def sign_agreement(page):
    """Sign the agreement text shown on the page with the plug-in's only certificate."""
    page.locator(".signer-certificate").select_option(index=1)
    page.locator(".signer-button").click()
    expect(page.locator(".signer-result").last).to_contain_text("верна", timeout=20_000)


def accept_agreement(reviewer_page, org_short_name):
    """The reviewer opens the agreement from the dashboard panel and accepts it."""
    reviewer_page.goto("/staff/")
    reviewer_page.locator("#agreements-panel").get_by_role("link", name=org_short_name).click()
    expect(reviewer_page.locator(".requisites")).to_be_visible()
    reviewer_page.locator("#decision button.btn-success").click()
    expect(reviewer_page.locator(".alert-success")).to_be_visible()


def set_password_from_letter(page, real_delivery, address, password):
    """Follow the one-time link of the acceptance e-mail and choose a password; returns the login."""
    body = accepted_letter(real_delivery, address).get_body(("plain",)).get_content()
    login = re.search(r"org-\d+", body).group(0)
    path = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body).group(1)
    page.goto(path)
    page.locator("[name=password1]").fill(password)
    page.locator("[name=password2]").fill(password)
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    return login, body


def log_in_as(page, login, password):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(password)
    submit_login(page, login)


def test_an_organisation_concludes_an_agreement_and_logs_in(browser, live_server, page, screenshot, tmp_path,
                                                            authority, real_delivery, request):
    trusted_certificates_import(authority.cert.read_bytes(), kind="root")
    ReviewerFactory(username="reviewer", is_staff=False)
    install_plugin(page, authority.issue("romashka-key", "gost2012_256_B", LEGAL_SUBJECT), tmp_path)
    data = form_data()

    page.goto("/agreements/new/")
    fill_requisites(page, {**data, "inn": "7707083890"})  # a wrong check digit first
    expect(page.locator("#id_inn").locator("xpath=..").locator(".invalid-feedback")).to_be_visible()
    screenshot("requisites-error")
    fill_requisites(page, data)
    expect(page.locator(".agreement-text")).to_contain_text("ООО «Ромашка»")
    with page.expect_download() as download:
        page.locator("a[href$='agreement.pdf']").click()
    assert download.value.suggested_filename == "agreement.pdf"
    screenshot("text")

    sign_agreement(page)
    agreement = Agreement.objects.get()
    assert agreement.status == Status.SUBMITTED
    page.reload()
    expect(page.locator(".status-badge").first).to_have_text(str(Status.SUBMITTED.label))
    screenshot("submitted")

    reviewer_page = browser.new_page(base_url=live_server.url)
    log_in(reviewer_page, "reviewer")
    reviewer_page.goto("/staff/")
    reviewer_page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-dashboard.png"), full_page=True)
    accept_agreement(reviewer_page, "ООО «Ромашка»")
    reviewer_page.close()
    agreement.refresh_from_db()
    assert agreement.status == Status.ACCEPTED and agreement.number

    login, body = set_password_from_letter(page, real_delivery, data["email"], NEW_PASSWORD)
    assert login == agreement.organisation.username and PASSWORD not in body
    screenshot("password-set")

    log_in_as(page, login, NEW_PASSWORD)
    expect(page.locator(".user-name")).to_have_text("Сидоров Сидор")
    screenshot("logged-in")
