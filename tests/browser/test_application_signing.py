"""An applicant of each type signs the application's documents with the (stand-in) CryptoPro plug-in;
the portal verifies the real GOST signatures, checks the signer is the applicant, and staff complete
the application with the result document."""

import base64
import json

import pytest
from playwright.sync_api import expect

from accounts import sample_numbers
from accounts.tests.factories import (
    ApplicantFactory,
    EntrepreneurFactory,
    LegalApplicantFactory,
    StaffFactory,
)
from applications.models import Status
from applications.tests.factories import submitted
from portal.tests.factories import BranchFactory
from signing.certificates import trusted_certificates_import
from signing.testing import pki
from tests.browser.cadesplugin import CSP_VERSION, PLUGIN_VERSION, STAND_IN, certificate_entry
from tests.browser.mfa import log_in, submit_login  # noqa: F401 (log_in: used by other test modules)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Certificates whose registration numbers are those of the factories' complete profiles.
SUBJECTS = {
    "individual": (ApplicantFactory,
                   f"/CN=Иванов Иван Иванович/SN=Иванов/GN=Иван Иванович/SNILS={sample_numbers.snils()}"),
    "legal": (LegalApplicantFactory, f"/CN=ООО «Ромашка»/O=ООО «Ромашка»/SN=Сидоров/GN=Сидор Сидорович"
                                     f"/INNLE={sample_numbers.inn_legal()}/OGRN={sample_numbers.ogrn()}"),
    "entrepreneur": (EntrepreneurFactory, f"/CN=ИП Петров Пётр Петрович/SN=Петров/GN=Пётр Петрович"
                                          f"/INN={sample_numbers.inn_person()}/OGRNIP={sample_numbers.ogrnip()}"),
}


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    return pki.Authority(tmp_path_factory.mktemp("sign-pki"), "root", "gost2012_256_TCA",
                         subject="/CN=Тестовый УЦ/O=Test PKI")


def install_plugin(page, identity, tmp_path):
    def sign(chunks):
        source = tmp_path / f"signed-{len(list(tmp_path.iterdir()))}"
        source.write_bytes(b"".join(base64.b64decode(chunk) for chunk in chunks))
        signature = pki.sign(identity, source, source.with_suffix(".sig"), cades=True).read_bytes()
        return base64.b64encode(signature).decode()

    config = {"pluginVersion": PLUGIN_VERSION, "cspVersion": CSP_VERSION, "certificates": [certificate_entry(identity)]}
    page.expose_function("__standInSign", sign)
    page.add_init_script(STAND_IN % {"config": json.dumps(config, ensure_ascii=False)})



@pytest.mark.parametrize("kind", list(SUBJECTS))
def test_the_applicant_signs_with_the_plugin_and_staff_complete(browser, live_server, page, screenshot, tmp_path,
                                                                authority, kind):
    factory, subject = SUBJECTS[kind]
    trusted_certificates_import(authority.cert.read_bytes(), kind="root")
    staff = StaffFactory(username="staff")
    BranchFactory().staff.add(staff)
    application = submitted(factory(username=f"signer-{kind}"))
    application.take_into_review(actor=staff)
    application.request_signature(actor=staff)
    install_plugin(page, authority.issue(f"{kind}-key", "gost2012_256_B", subject), tmp_path)

    log_in(page, f"signer-{kind}")
    page.goto("/applications/")
    page.get_by_role("link", name="Подписать").click()
    page.locator(".signer-certificate").select_option(index=1)
    page.locator(".signer-button").click()
    expect(page.locator(".signer-result").last).to_contain_text("верна", timeout=20_000)
    screenshot("signed")
    application.refresh_from_db()
    assert application.status == Status.SIGNED

    staff_page = browser.new_page(base_url=live_server.url)
    log_in(staff_page, "staff")
    staff_page.goto(f"/admin/applications/application/{application.pk}/change/")
    staff_page.get_by_role("link", name="Исполнить и приложить результат").click()
    result = tmp_path / "ТУ.pdf"
    result.write_bytes(b"%PDF-1.4\n% technical conditions\n%%EOF\n")
    staff_page.locator("input[name=files]").set_input_files(str(result))
    staff_page.locator("input[type=submit]").click()
    expect(staff_page.locator(".messagelist")).to_contain_text("Выполнено")
    staff_page.close()

    page.goto(f"/applications/{application.pk}/")
    expect(page.locator(".status-badge").first).to_have_text("Исполнена")
    expect(page.get_by_role("link", name="ТУ.pdf")).to_be_visible()
    screenshot("completed")
