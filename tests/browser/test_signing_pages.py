"""The signing pages in Chromium, with a stand-in for the CryptoPro plug-in.

The stand-in `cadesplugin` implements just the async API signing/static/signing/cades.js uses. Its
SignCades / SignHash hand the exact bytes the page signs to Python (page.expose_function), where
OpenSSL's GOST engine makes a real detached CAdES-BES signature that the portal then verifies.
"""

import base64
import json

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from signing.certificates import trusted_certificates_import
from signing.models import SignatureVerification
from signing.testing import pki
from tests.browser.cadesplugin import CSP_VERSION, PLUGIN_VERSION, STAND_IN, certificate_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = ("/CN=Иванов Иван Иванович/SN=Иванов/GN=Иван Иванович/O=ООО «Ромашка»/INN=770123456789"
           "/INNLE=7701234567/OGRN=1027700132195/SNILS=12345678901")
@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    directory = tmp_path_factory.mktemp("browser-pki")
    root = pki.Authority(directory, "root", "gost2012_256_TCA", subject="/CN=Тестовый УЦ/O=Test PKI")
    signer = root.issue("ivanov", "gost2012_256_A", SUBJECT)
    expired = root.issue("old", "gost2012_256_A", "/CN=Просроченный Сертификат",
                         start="20200101000000Z", end="20210101000000Z")
    return directory, root, signer, expired


@pytest.fixture
def plugin(page, keys, tmp_path):
    """Install the stand-in; returns the list of documents (bytes) Python was asked to sign."""
    directory, root, signer, expired = keys
    signed_documents = []

    def sign(chunks):
        document = b"".join(base64.b64decode(chunk) for chunk in chunks)
        signed_documents.append(document)
        source = tmp_path / ("document-%d" % len(signed_documents))
        source.write_bytes(document)
        signature = pki.sign(signer, source, source.with_suffix(".sig"), cades=True)
        return base64.b64encode(signature.read_bytes()).decode()

    config = {"pluginVersion": PLUGIN_VERSION, "cspVersion": CSP_VERSION,
              "certificates": [certificate_entry(signer), certificate_entry(expired)]}
    page.expose_function("__standInSign", sign)
    page.add_init_script(STAND_IN % {"config": json.dumps(config, ensure_ascii=False)})
    return signed_documents


@pytest.fixture
def trusted(keys):
    trusted_certificates_import(keys[1].cert.read_bytes(), kind="root")


def log_in(page, login="applicant"):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    expect(page.locator("nav .user-name")).to_be_visible()


def test_the_check_page_shows_the_plugin_version_and_the_certificates_valid_now(page, screenshot, plugin):
    page.goto("/signing/check/")
    expect(page.locator("#plugin-version")).to_have_text(PLUGIN_VERSION)
    expect(page.locator("#csp-version")).to_contain_text(CSP_VERSION)
    rows = page.locator("#certificates-table tbody tr")
    expect(rows).to_have_count(1)  # the expired certificate is not offered
    expect(rows.first).to_contain_text("Иванов Иван Иванович")
    expect(rows.first).to_contain_text("Тестовый УЦ")
    expect(page.locator("#plugin-install")).to_be_hidden()
    screenshot("plugin-found")


def test_without_the_plugin_the_check_page_says_how_to_install_it(page, screenshot):
    page.goto("/signing/check/")
    expect(page.locator("#plugin-install")).to_be_visible()
    expect(page.locator("#plugin-install a")).to_have_attribute(
        "href", "https://cpdn.cryptopro.ru/content/cades/plugin-installation-windows.html")
    expect(page.locator(".plugin-signer .signer-button")).to_be_disabled()
    screenshot("no-plugin")


@pytest.mark.parametrize("by_hash", [False, True], ids=["content", "hash"])
def test_signing_the_test_document_shows_the_portals_report(page, screenshot, plugin, trusted, applicant, by_hash):
    log_in(page)
    page.goto("/signing/check/")
    expect(page.locator(".plugin-signer .signer-certificate")).to_be_enabled()
    if by_hash:
        page.evaluate("PortalSigning.hashThresholdBytes = 0")
    page.locator(".plugin-signer .signer-button").click()
    result = page.locator(".plugin-signer .signer-result")
    expect(result).to_contain_text("Подпись верна: Иванов И. И., ООО «Ромашка», ИНН ЮЛ 7701234567")
    screenshot("signed")
    from signing.views import TEST_DOCUMENT

    assert plugin == [TEST_DOCUMENT]  # the exact bytes the portal serves were signed
    assert page.evaluate("window.__standInLog.algorithms") == ([101] if by_hash else [])
    result.get_by_role("link").click()
    expect(page.locator("#verdict")).to_contain_text("TOTAL_PASSED")
    expect(page.locator("#summary")).to_have_text(
        "Подпись верна: Иванов И. И., ООО «Ромашка», ИНН ЮЛ 7701234567, ОГРН 1027700132195.")
    expect(page.locator(".signer-report")).to_contain_text("12345678901")
    screenshot("report")
    assert SignatureVerification.objects.get().is_valid


def test_a_signature_file_made_elsewhere_is_checked_on_the_verify_page(page, screenshot, keys, trusted, applicant,
                                                                        tmp_path):
    directory, root, signer, expired = keys
    document = tmp_path / "Договор.txt"
    document.write_bytes("Договор о подключении № 7".encode())
    signature = pki.sign(signer, document, tmp_path / "Договор.txt.sig", cades=True)
    log_in(page)
    page.goto("/signing/verify/")
    screenshot("form")
    page.locator("input[name=document]").set_input_files(str(document))
    page.locator("input[name=signature]").set_input_files(str(signature))
    page.locator("#verify-form button[type=submit]").click()
    expect(page.locator("#summary")).to_contain_text("Подпись верна: Иванов И. И.")
    screenshot("valid")

    tampered = tmp_path / "Договор (исправленный).txt"
    tampered.write_bytes("Договор о подключении № 8".encode())
    page.goto("/signing/verify/")
    page.locator("input[name=document]").set_input_files(str(tampered))
    page.locator("input[name=signature]").set_input_files(str(signature))
    page.locator("#verify-form button[type=submit]").click()
    expect(page.locator("#summary")).to_contain_text("Подпись недействительна")
    expect(page.locator("#verdict")).to_contain_text("HASH_FAILURE")
    screenshot("tampered")
