"""Seed 000, served addresses: an organisation with an agreement in force chooses two buildings through
the address suggestions, signs one notice with the (stand-in) CryptoPro plug-in and sends it; a municipal
reviewer confirms one address and rejects the other with a reason (the notice becomes "partially
confirmed"); the organisation's served list has the confirmed building only, and its notice page shows
why the other was rejected.

The steps are module-level functions so a longer end-to-end test can chain them (agreement → notices →
passport).
"""

import importlib

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, ReviewerFactory
from addresses.models import ServedAddress
from addresses.notices.choices import NoticeStatus
from addresses.notices.models import Notice
from agreements.tests.factories import LEGAL_SUBJECT, accepted
from signing.certificates import trusted_certificates_import
from signing.testing import pki
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_application_signing import install_plugin, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "Белгородская обл., г. Белгород, ул. Щорса, д. 8"
SECOND = "Белгородская обл., г. Белгород, ул. Победы, д. 69"
THIRD = "Белгородская обл., г. Белгород, ул. Попова, д. 36"
REASON = "Дом не указан в договоре управления"


@pytest.fixture(autouse=True)
def notice_reference_data(reference_data):
    """The reviewers' notice permissions come from this app's data migration; the sample addresses."""
    from django.apps import apps

    from addresses.demo import SAMPLE
    from addresses.services import gar_import

    importlib.import_module("addresses.migrations.0005_notice_reviewers").grant(apps, None)
    gar_import(directory=SAMPLE, region="31")


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    return pki.Authority(tmp_path_factory.mktemp("notice-pki"), "root", "gost2012_256_TCA",
                         subject="/CN=Тестовый УЦ/O=Test PKI")


def organisation_with_agreement(reviewer):
    """ООО «Ромашка» with an accepted agreement and a password the test knows."""
    organisation = accepted(reviewer).organisation
    organisation.set_password(PASSWORD)
    organisation.save()
    return organisation


# --- steps ---------------------------------------------------------------------------------------

def choose_address(page, query, text):
    """Type `query` into the search box and pick `text` from the suggestions."""
    page.locator("#address-search").fill(query)
    page.get_by_role("option", name=text, exact=True).click()
    expect(page.locator("#chosen-addresses")).to_contain_text(text)


def fill_notice(page, addresses, *, basis_number="ДУ-15/2026", basis_date="2026-01-15", starts_on="2026-02-01"):
    """The new-notice form: addresses as (query, full text) pairs, then the basis and the date."""
    page.goto("/addresses/notices/new/")
    for query, text in addresses:
        choose_address(page, query, text)
    page.locator("#id_basis_number").fill(basis_number)
    page.locator("#id_basis_date").fill(basis_date)
    page.locator("#id_starts_on").fill(starts_on)
    page.locator(".notice-form [type=submit]").click()
    expect(page.locator(".notice-text")).to_be_visible()


def sign_and_send(page):
    """Sign the notice text with the plug-in's only certificate; the portal checks and sends it."""
    page.locator(".signer-certificate").select_option(index=1)
    page.locator(".signer-button").click()
    expect(page.locator(".signer-result.text-success")).to_be_visible(timeout=20_000)
    page.reload()
    expect(page.locator(".status-badge.status-sent")).to_be_visible()


def send_notice(page, addresses, **form):
    """A notice of adding `addresses` ((query, full text) pairs), signed and sent; returns it."""
    fill_notice(page, addresses, **form)
    notice_pk = int(page.url.rstrip("/").split("/")[-1])
    sign_and_send(page)
    return Notice.objects.get(pk=notice_pk)


def review_notice(page, notice, decisions, comment=""):
    """The reviewer opens the notice from the dashboard panel and decides each address:
    `decisions` maps an address's full text to (confirmed, reason for a rejection)."""
    page.goto("/staff/")
    page.locator("#notices-panel").get_by_role("link", name=notice.number).click()
    form = page.locator("#decision-form")
    expect(form).to_be_visible()
    for text, (confirmed, reason) in decisions.items():
        row = form.locator("fieldset.address-decision").filter(has=page.get_by_text(text, exact=True))
        row.locator("input[value=confirm]" if confirmed else "input[value=reject]").check()
        row.locator(".decision-reason").fill(reason)
    form.locator("textarea[name=comment]").fill(comment)
    form.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()


def served_addresses(page):
    page.goto("/addresses/served/")
    return page.locator("#served-current tbody td:first-child").all_inner_texts()


# --- the test ------------------------------------------------------------------------------------

def test_an_organisation_sends_a_notice_and_the_reviewer_decides_each_address(browser, live_server, page,
                                                                              screenshot, tmp_path, authority,
                                                                              request):
    trusted_certificates_import(authority.cert.read_bytes(), kind="root")
    reviewer = ReviewerFactory(username="reviewer", is_staff=False)
    organisation = organisation_with_agreement(reviewer)
    install_plugin(page, authority.issue("romashka-key", "gost2012_256_B", LEGAL_SUBJECT), tmp_path)
    log_in(page, organisation.username)

    fill_notice(page, [("щорса 8", FIRST), ("победы 69", SECOND)])
    screenshot("draft")
    notice = Notice.objects.get()
    assert [item.address.full_text for item in notice.items.all()] == [FIRST, SECOND]
    sign_and_send(page)
    screenshot("sent")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT and notice.number

    reviewer_page = browser.new_page(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    log_in(reviewer_page, "reviewer")
    reviewer_page.goto("/staff/")
    reviewer_page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-dashboard.png"), full_page=True)
    reviewer_page.goto(reverse("addresses:staff_notice", args=[notice.pk]))
    reviewer_page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-review-form.png"), full_page=True)
    review_notice(reviewer_page, notice, {FIRST: (True, ""), SECOND: (False, REASON)}, comment="Договор проверен")
    expect(reviewer_page.locator(".status-badge.status-partly_confirmed").first).to_be_visible()
    reviewer_page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-review.png"), full_page=True)
    reviewer_page.close()

    assert served_addresses(page) == [FIRST]
    screenshot("served")
    assert [row.address.full_text for row in ServedAddress.objects.of_organisation(organisation)] == [FIRST]
    page.goto(f"/addresses/notices/{notice.pk}/")
    expect(page.locator(".status-badge.status-partly_confirmed").first).to_be_visible()
    expect(page.locator(".notice-addresses")).to_contain_text(REASON)
    expect(page.locator(".history-table")).to_contain_text(REASON)
    screenshot("decided")


def test_the_reviewer_is_told_to_decide_every_address(browser, live_server, page, screenshot, tmp_path, authority):
    """A decision with an address left undecided is not saved; what the reviewer typed stays."""
    trusted_certificates_import(authority.cert.read_bytes(), kind="root")
    reviewer = ReviewerFactory(username="reviewer", is_staff=False)
    organisation = organisation_with_agreement(reviewer)
    install_plugin(page, authority.issue("romashka-key", "gost2012_256_B", LEGAL_SUBJECT), tmp_path)
    log_in(page, organisation.username)
    notice = send_notice(page, [("щорса 8", FIRST), ("попова 36", THIRD)])
    page.context.clear_cookies()
    log_in(page, "reviewer")
    page.goto(reverse("addresses:staff_notice", args=[notice.pk]))
    page.locator("fieldset.address-decision").first.locator("input[value=reject]").check()
    page.locator("fieldset.address-decision").first.locator(".decision-reason").fill(REASON)
    page.locator("#decision-form button[type=submit]").click()
    expect(page.locator("#decision .alert-danger")).to_be_visible()
    expect(page.locator("fieldset.address-decision").first.locator(".decision-reason")).to_have_value(REASON)
    expect(page.locator("fieldset.address-decision").first.locator("input[value=reject]")).to_be_checked()
    screenshot("incomplete")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
