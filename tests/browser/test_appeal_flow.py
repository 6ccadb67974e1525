"""An applicant sends an appeal with a file in Chromium; staff answer it from the staff dashboard with
a reply template; the applicant reads the answer with its file and has got the e-mails and SMS.

Labels of the appeals app are looked up through gettext, so the test reads what the user reads in
whatever state the Russian catalogue is."""

import importlib

import pytest
from django.apps import apps
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, ApplicantFactory, StaffFactory
from appeals.models import Appeal, Status, Topic
from appeals.services import appeal_register
from appeals.tests.factories import PDF_BYTES, ReplyTemplateFactory, TopicFactory
from portal.tests.factories import BranchFactory
from tests.browser.conftest import SCREENSHOTS
from tests.browser.mfa import submit_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEMPLATE_TEXT = "Здравствуйте! Подключение жилых домов выполняется по заявке на технические условия."


@pytest.fixture(autouse=True)
def appeal_permissions(reference_data):
    # The flush between transactional tests removes the group's appeal permissions; grant them again.
    importlib.import_module("appeals.migrations.0002_staff_permissions").grant(apps, None)


def log_in(page, login, password=PASSWORD):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(password)
    submit_login(page, login)


def send_appeal(page, tmp_path, screenshot):
    page.get_by_role("link", name="Обращения", exact=True).click()
    page.get_by_role("link", name=_("Create an appeal")).click()
    page.get_by_label(_("City")).select_option(label="Белгород")
    page.get_by_label(_("Topic")).select_option(label="Технологическое присоединение")
    bad = tmp_path / "программа.exe"
    bad.write_bytes(b"MZ" + b"\x00" * 200)
    page.get_by_label(_("Files"), exact=True).set_input_files(str(bad))
    page.get_by_role("button", name=_("Send the appeal")).click()
    expect(page.locator("#id_text").locator("..")).to_contain_text(_("Write the text of the appeal."))
    expect(page.locator("#appeal-form")).to_contain_text("программа.exe")
    expect(page.get_by_label(_("Topic"))).to_have_value(str(Topic.objects.get(name="Технологическое присоединение").pk))
    screenshot("errors")
    page.get_by_label(_("Text of the question")).fill("Когда можно подключить жилой дом на ул. Садовой, 12?")
    scan = tmp_path / "Схема участка.pdf"
    scan.write_bytes(PDF_BYTES)
    page.get_by_label(_("Files"), exact=True).set_input_files(str(scan))
    screenshot("form")
    page.get_by_role("button", name=_("Send the appeal")).click()


def answer_from_dashboard(staff_page, appeal, screenshot_of):
    staff_page.goto("/staff/")
    panel = staff_page.locator("#appeals-panel")
    expect(panel).to_contain_text(appeal.number)
    screenshot_of(staff_page, "dashboard")
    panel.get_by_role("link", name=appeal.number).click()
    staff_page.get_by_role("button", name=_("Take into work")).click()
    expect(staff_page.locator(".alert-success")).to_be_visible()
    staff_page.get_by_label(_("Reply template")).select_option(label="Подключение дома")
    box = staff_page.locator("textarea[name=answer-text]")
    expect(box).to_have_value(TEMPLATE_TEXT)
    box.press("End")
    box.type(" Ваш дом можно подключить в мае.")
    return box


def test_an_appeal_is_sent_answered_from_the_dashboard_and_read(browser, live_server, tmp_path, page, screenshot,
                                                                request, real_delivery):
    branch = BranchFactory(city="Белгород", slug="belgorod")
    branch.staff.add(StaffFactory(username="staff"))
    topic = TopicFactory(name="Технологическое присоединение")
    ReplyTemplateFactory(topic=topic, title="Подключение дома", text=TEMPLATE_TEXT)
    applicant = ApplicantFactory(username="app-appeal", email="app-appeal@example.ru")

    log_in(page, applicant.username)
    send_appeal(page, tmp_path, screenshot)
    appeal = Appeal.objects.get(applicant=applicant)
    expect(page.get_by_role("heading", name=appeal.number)).to_be_visible()
    expect(page.get_by_role("link", name="Схема участка.pdf")).to_be_visible()
    screenshot("sent")

    staff_page = browser.new_page(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    log_in(staff_page, "staff")

    def screenshot_of(other_page, step):
        other_page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-staff-{step}.png"), full_page=True)

    answer_from_dashboard(staff_page, appeal, screenshot_of)
    letter = tmp_path / "Ответ.pdf"
    letter.write_bytes(PDF_BYTES)
    staff_page.get_by_label(_("Files of the answer")).set_input_files(str(letter))
    screenshot_of(staff_page, "answer")
    staff_page.get_by_role("button", name=_("Send the answer")).click()
    expect(staff_page.locator(".alert-success")).to_be_visible()
    staff_page.close()

    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED and appeal.answer.endswith("Ваш дом можно подключить в мае.")
    page.goto("/appeals/")
    expect(page.locator(".appeals-table .status-badge").first).to_have_text(str(Status.ANSWERED.label))
    screenshot("list")
    page.locator(".answer-icon").first.click()
    expect(page.locator("#answer")).to_contain_text("Ваш дом можно подключить в мае.")
    expect(page.locator("#answer").get_by_role("link", name="Ответ.pdf")).to_be_visible()
    screenshot("answer")
    with page.expect_download() as download:
        page.locator("#answer").get_by_role("link", name="Ответ.pdf").click()
    assert download.value.suggested_filename == "Ответ.pdf"

    # Delivered for real: the local SMTP server and the SMS.ru stand-in received them.
    to_applicant = [item["message"] for item in real_delivery.smtp.messages if item["to"] == [applicant.email]]
    assert len(to_applicant) == 3 and appeal.number in to_applicant[0]["Subject"]
    assert "Ваш дом можно подключить в мае." in to_applicant[-1].get_body(("plain",)).get_content()
    texts = [text for number, text in real_delivery.sms.delivered() if applicant.phone.as_e164.endswith(number)]
    assert len(texts) == 3 and all(appeal.number in text for text in texts)


def test_staff_answer_in_the_admin_with_a_template(page, screenshot):
    branch = BranchFactory(city="Белгород", slug="belgorod")
    staff = StaffFactory(username="staff")
    branch.staff.add(staff)
    topic = TopicFactory(name="Технологическое присоединение")
    ReplyTemplateFactory(topic=topic, title="Подключение дома", text=TEMPLATE_TEXT)
    appeal = appeal_register(applicant=ApplicantFactory(username="app-admin"), branch=branch, topic=topic,
                             text="Когда подключат дом?")

    log_in(page, "staff")
    page.goto(f"/admin/appeals/appeal/{appeal.pk}/change/")
    page.get_by_role("link", name=_("Take into work")).click()
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("Выполнено")
    page.get_by_role("link", name=_("Send the answer")).click()
    page.locator("select[name=answer-template]").select_option(label="Подключение дома")
    expect(page.locator("textarea[name=answer-text]")).to_have_value(TEMPLATE_TEXT)
    screenshot("admin-answer")
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("Выполнено")
    screenshot("admin-change")
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED and appeal.answer == TEMPLATE_TEXT
