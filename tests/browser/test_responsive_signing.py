"""The signature verification pages on a phone (390 px): the report's checks and the list of recent
checks are cards; nothing scrolls sideways (static/portal/portal.css: .checks-table, table-cards)."""

import pytest
from playwright.sync_api import expect

from signing.testing import pki
from tests.browser.test_responsive_lists import PHONE, assert_fits
from tests.browser.test_signing_pages import keys, log_in, trusted  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_signature_report_fits_a_phone(page, screenshot, keys, trusted, applicant, tmp_path):  # noqa: F811
    directory, root, signer, expired = keys
    document = tmp_path / "Договор.txt"
    document.write_bytes("Договор о подключении № 7".encode())
    signature = pki.sign(signer, document, tmp_path / "Договор.txt.sig", cades=True)
    tampered = tmp_path / "Договор (исправленный).txt"
    tampered.write_bytes("Договор о подключении № 8".encode())
    log_in(page)
    page.set_viewport_size(PHONE)
    page.goto("/signing/verify/")
    page.locator("input[name=document]").set_input_files(str(tampered))
    page.locator("input[name=signature]").set_input_files(str(signature))
    page.locator("#verify-form button[type=submit]").click()
    expect(page.locator("#verdict")).to_contain_text("HASH_FAILURE")
    assert_fits(page, page.url)
    screenshot("report-390")
    page.goto("/signing/verify/")
    assert_fits(page, "/signing/verify/")
    screenshot("verify-390")
