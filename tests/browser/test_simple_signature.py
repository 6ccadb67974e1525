"""An individual without a qualified certificate signs the application with a simple e-signature:
no plug-in in this browser (the page says what is missing), the agreement accepted, the SMS code read
from the outbox as the phone would show it, the application «Подписана» with the act; desktop and
phone widths."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, ApplicantFactory, StaffFactory
from accounts.tests.helpers import last_sms_code
from applications.models import Status
from applications.simple_signing import act_of
from applications.tests.factories import submitted
from portal.tests.factories import BranchFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, login):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    expect(page.locator("nav .user-name")).to_be_visible()


@pytest.mark.parametrize("width", [1366, 390], ids=["desktop", "phone"])
def test_an_individual_signs_with_a_simple_e_signature(page, screenshot, width):
    staff = StaffFactory(username="staff")
    BranchFactory().staff.add(staff)
    applicant = ApplicantFactory(username="fl-simple")
    application = submitted(applicant)
    application.take_into_review(actor=staff)
    application.request_signature(actor=staff)

    log_in(page, "fl-simple")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/applications/{application.pk}/sign/")
    # No CryptoPro plug-in here: the page says what is missing and where the .sig upload is.
    expect(page.locator(".signer-help")).to_be_visible()
    expect(page.locator(".signer-help")).to_contain_text("Проверка ЭП")
    screenshot(f"sign-page-{width}")
    page.get_by_role("link", name="Подписать простой электронной подписью").click()
    expect(page.locator("#simple-agreement")).to_contain_text("Соглашение о признании простой электронной подписи")
    screenshot(f"agreement-{width}")
    page.locator("#accept-agreement").click()
    expect(page.locator("#consent-note")).to_be_visible()
    page.locator("#send-code").click()
    expect(page.locator(".alert-success, .alert")).to_contain_text(["Код отправлен"])
    page.locator("input[name=code]").fill("12345")
    page.locator("#confirm-code").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("6 цифр")
    expect(page.locator("input[name=code]")).to_have_value("12345")  # what was typed is kept
    screenshot(f"code-{width}")
    page.locator("input[name=code]").fill(last_sms_code(applicant.phone.as_e164))
    page.locator("#confirm-code").click()
    expect(page.locator("body")).to_contain_text("Заявка подписана простой электронной подписью")
    screenshot(f"signed-{width}")
    application.refresh_from_db()
    assert application.status == Status.SIGNED and act_of(application) is not None
