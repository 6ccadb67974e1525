"""Issue #6 from start to end, as the people involved click through it: an organisation concludes the
interaction agreement with a plug-in signature; the reviewer accepts it; the login e-mail arrives over
real SMTP and its link sets the password; the organisation logs in, sends one notice adding two
buildings (from the register the GAR import filled), the reviewer confirms one building and rejects
the other; for the confirmed building a passport is filled, checked, signed, sent and accepted."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import ReviewerFactory
from addresses.models import Address, ServedAddress
from addresses.notices.choices import NoticeStatus
from agreements.models import Agreement
from agreements.tests.factories import LEGAL_SUBJECT, form_data
from passports.choices import Status as PassportStatus
from passports.models import Passport
from signing.certificates import trusted_certificates_import
from tests.browser import test_agreement_flow as agreement_steps
from tests.browser import test_notice_flow as notice_steps
from tests.browser import test_passport_flow as passport_steps
from tests.browser.test_application_signing import install_plugin, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Municipal-Kvadrat-2026"

# The three apps' permissions for reviewers, the agreement template and the GAR sample import.
agreement_reference_data = agreement_steps.agreement_reference_data
notice_reference_data = notice_steps.notice_reference_data
passport_reference_data = passport_steps.passport_reference_data
authority = agreement_steps.authority


def test_an_organisation_goes_from_agreement_to_an_accepted_passport(browser, live_server, page, screenshot,
                                                                     tmp_path, authority, real_delivery):
    trusted_certificates_import(authority.cert.read_bytes(), kind="root")
    ReviewerFactory(username="reviewer", is_staff=False)
    install_plugin(page, authority.issue("romashka-key", "gost2012_256_B", LEGAL_SUBJECT), tmp_path)
    reviewer_page = browser.new_page(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    log_in(reviewer_page, "reviewer")
    data = form_data()

    # The agreement, signed with the plug-in, accepted; the login comes by e-mail.
    page.goto("/agreements/new/")
    agreement_steps.fill_requisites(page, data)
    agreement_steps.sign_agreement(page)
    agreement_steps.accept_agreement(reviewer_page, data["org_short_name"])
    login, _ = agreement_steps.set_password_from_letter(page, real_delivery, data["email"], PASSWORD)
    agreement_steps.log_in_as(page, login, PASSWORD)
    expect(page.locator(".user-name")).to_have_text("Сидоров Сидор")
    page.get_by_role("link", name="Организация").click()
    expect(page.locator("main")).to_contain_text(Agreement.objects.get().number)
    screenshot("organisation")

    # One notice of two buildings: the reviewer confirms the first and rejects the second.
    notice = notice_steps.send_notice(page, [("щорса 8", notice_steps.FIRST), ("победы 69", notice_steps.SECOND)])
    notice_steps.review_notice(reviewer_page, notice, decisions={
        notice_steps.FIRST: (True, ""), notice_steps.SECOND: (False, "Дом в управлении другой организации")})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PARTLY_CONFIRMED
    assert notice_steps.served_addresses(page) == [notice_steps.FIRST]
    screenshot("served")

    # The passport of the confirmed building.
    building = Address.objects.get(full_text=notice_steps.FIRST)
    assert ServedAddress.objects.filter(organisation__username=login, address=building).exists()
    passport_steps.create_passport(page, building)
    passport_steps.fill_passport(page)
    passport_steps.check_passport(page)
    expect(page.locator(".status-badge").first).to_have_text("Проверен")
    passport_steps.sign_and_send(page)
    passport = Passport.objects.get()
    passport_steps.review_passport(reviewer_page, passport.number, "accept")
    passport.refresh_from_db()
    assert passport.status == PassportStatus.ACCEPTED and passport.address == building
    page.reload()
    expect(page.locator(".status-badge").first).to_have_text("Принят")
    screenshot("passport-accepted")
    reviewer_page.close()
