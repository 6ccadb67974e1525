"""An applicant files an application in Chromium; staff process it in the admin; the applicant
corrects it; the application ends completed with the result document."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import (
    ApplicantFactory,
    EntrepreneurFactory,
    LegalApplicantFactory,
    StaffFactory,
)
from applications.models import Application, Status
from applications.tests.factories import PDF_BYTES
from portal.tests.factories import BranchFactory
from tests.browser.mfa import log_in, submit_login  # noqa: F401 (log_in: used by other test modules)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

APPLICANTS = {"individual": ApplicantFactory, "legal": LegalApplicantFactory, "entrepreneur": EntrepreneurFactory}



def upload(page, tmp_path, slot_label, name):
    path = tmp_path / name
    path.write_bytes(PDF_BYTES)
    page.get_by_label("Документ", exact=True).select_option(label=slot_label)
    page.get_by_label("Файл", exact=True).set_input_files(str(path))
    expect(page.locator("#upload-status")).to_have_text(f"Файл «{name}» загружен.")


def staff_action(page, application, button, comment=None):
    page.goto(f"/admin/applications/application/{application.pk}/change/")
    page.get_by_role("link", name=button).click()
    if comment:
        page.locator("textarea[name=comment]").fill(comment)
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("Выполнено")


@pytest.mark.parametrize("kind", list(APPLICANTS))
def test_an_application_goes_from_draft_through_corrections_to_signature(browser, live_server, tmp_path, screenshot,
                                                                        page, kind, real_delivery):
    BranchFactory(city="Белгород", slug="belgorod").staff.add(StaffFactory(username="staff"))
    applicant = APPLICANTS[kind](username=f"app-{kind}")
    log_in(page, applicant.username)
    page.get_by_role("link", name="Заявки", exact=True).click()
    page.get_by_role("link", name="Добавить заявку").click()
    page.get_by_label("Город").select_option(label="Белгород")
    page.get_by_label("Выдача технических условий").check()
    page.get_by_label("Теплоснабжение (ТС)").check()
    page.get_by_role("button", name="Создать черновик").click()

    page.get_by_label("Адрес объекта").fill("г. Белгород, ул. Садовая, д. 12")
    page.get_by_label("Кадастровый номер земельного участка").fill("31:16:0101001:1234")
    page.get_by_label("Назначение объекта").fill("Жилой дом")
    page.get_by_label("Основание").select_option(label="Новое строительство")
    page.get_by_label("Максимальная нагрузка").fill("0,25")
    page.get_by_label("Единица измерения").select_option(label="Гкал/ч")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Черновик сохранён.")).to_be_visible()

    page.get_by_role("button", name="Подать заявку").click()
    expect(page.locator("#refusal")).to_contain_text("Ситуационный план объекта")
    upload(page, tmp_path, "Правоустанавливающие документы на земельный участок", "Выписка ЕГРН.pdf")
    upload(page, tmp_path, "Ситуационный план объекта", "План.pdf")
    upload(page, tmp_path, "Документ, удостоверяющий личность, или доверенность представителя", "Паспорт.pdf")
    screenshot("draft")
    page.get_by_role("button", name="Подать заявку").click()
    expect(page.get_by_role("heading", name="Заявка подана")).to_be_visible()
    application = Application.objects.get(applicant=applicant)
    expect(page.get_by_text(application.number)).to_be_visible()
    screenshot("receipt")

    staff_page = browser.new_page(base_url=live_server.url)
    log_in(staff_page, "staff")
    staff_action(staff_page, application, "Взять в работу")
    staff_action(staff_page, application, "Запросить исправления", "Уточните назначение объекта")

    page.goto(f"/applications/{application.pk}/")
    expect(page.locator(".alert-warning")).to_contain_text("Уточните назначение объекта")
    page.get_by_label("Назначение объекта").fill("Индивидуальный жилой дом")
    page.get_by_role("button", name="Отправить повторно").click()
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW and application.object_purpose == "Индивидуальный жилой дом"

    staff_action(staff_page, application, "Запросить подпись ЭЦП")
    page.goto("/applications/")
    expect(page.locator(".applications-table .status-badge").first).to_have_text("Ожидает подписи ЭЦП")
    page.get_by_text("История").first.click()
    expect(page.locator("details[open]")).to_contain_text("Уточните назначение объекта")
    screenshot("list")
    staff_page.close()
    # Seed 003: an SMS and an e-mail on every status change, received by the local servers.
    statuses = ["Сформирована", "На рассмотрении", "Требует исправления", "На рассмотрении", "Ожидает подписи ЭЦП"]
    letters = [item["message"]["Subject"].strip() for item in real_delivery.smtp.messages
               if item["to"] == [application.email]]
    assert letters == [f"Заявка {application.number}: {status}" for status in statuses]
    texts = [text for number, text in real_delivery.sms.delivered() if applicant.phone.as_e164.endswith(number)]
    assert [text.split(". ")[0] for text in texts] == [f"Заявка {application.number}: {status}" for status in statuses]
