"""A person logs in through the stand-in ESIA in Chromium, acts for one of two organisations and files an
application as that organisation (issue 15, seed 004 steps 2-4)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.esia.models import OrganisationLink
from accounts.esia.testing import data
from accounts.esia.testing.fixtures import esia  # noqa: F401  (the stand-in ESIA fixture)
from applications.models import Application, Status
from portal.tests.factories import BranchFactory
from tests.browser.test_application_flow import upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("esia")
def test_a_person_logs_in_through_esia_and_files_an_application_for_an_organisation(page, tmp_path, screenshot):
    BranchFactory(city="Белгород", slug="belgorod")
    page.goto("/accounts/login/")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("login-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("login")
    page.get_by_role("link", name="Войти через Госуслуги").click()
    expect(page.get_by_role("heading", name="Госуслуги (тестовый контур)")).to_be_visible()
    page.get_by_role("button", name="Предоставить").click()

    expect(page.get_by_role("heading", name="От чьего имени вы действуете?")).to_be_visible()
    expect(page.locator("main").get_by_text("АО «Теплосеть»")).to_be_visible()
    screenshot("choose")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("choose-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name="ООО «Водоканал-Сервис»").click()
    # The organisation's data come with ESIA's organisation-scoped token: ESIA asks the person's consent.
    expect(page.get_by_text("org_shortname?org_oid=" + data.ORG_OIDS[0])).to_be_visible()
    screenshot("org-consent")
    page.get_by_role("button", name="Предоставить").click()
    expect(page.get_by_text("Теперь вы действуете от имени: ООО «Водоканал-Сервис».")).to_be_visible()
    expect(page.locator("#role-switch")).to_contain_text("От имени организации")
    expect(page.locator(".user-name")).to_have_text("ООО «Водоканал-Сервис»")
    screenshot("acting")

    page.get_by_role("link", name="Заявки", exact=True).click()
    page.get_by_role("link", name="Добавить заявку").click()
    page.get_by_label("Город").select_option(label="Белгород")
    page.get_by_label("Выдача технических условий").check()
    page.get_by_label("Холодное водоснабжение (ХВС)").check()
    page.get_by_role("button", name="Создать черновик").click()
    expect(page.get_by_label("ФИО или наименование организации")).to_have_value("ООО «Водоканал-Сервис»")
    page.get_by_label("Адрес объекта").fill("г. Белгород, ул. Садовая, д. 12")
    page.get_by_label("Кадастровый номер земельного участка").fill("31:16:0101001:1234")
    page.get_by_label("Назначение объекта").fill("Административное здание")
    page.get_by_label("Основание").select_option(label="Новое строительство")
    page.get_by_label("Максимальная нагрузка").fill("12")
    page.get_by_label("Единица измерения").select_option(label="м³/сут")
    page.get_by_role("button", name="Сохранить черновик").click()
    upload(page, tmp_path, "Правоустанавливающие документы на земельный участок", "Выписка ЕГРН.pdf")
    upload(page, tmp_path, "Ситуационный план объекта", "План.pdf")
    upload(page, tmp_path, "Документ, удостоверяющий личность, или доверенность представителя", "Доверенность.pdf")
    page.get_by_role("button", name="Подать заявку").click()
    expect(page.get_by_role("heading", name="Заявка подана")).to_be_visible()

    organisation = OrganisationLink.objects.get(esia_oid=data.ORG_OIDS[0]).account
    application = Application.objects.get()
    assert application.applicant == organisation and application.status == Status.SUBMITTED
    screenshot("filed")

    page.locator("#role-switch button").first.click()
    page.locator("#role-switch").get_by_role("button", name="Петров Иван Сергеевич").click()
    expect(page.locator("#role-switch")).to_contain_text("От своего имени")
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("button", name="Показать меню").click()
    page.wait_for_selector("#main-menu.show:not(.collapsing)")  # the menu has finished opening
    page.locator("#role-switch button").first.click()
    expect(page.locator("#role-switch").get_by_role("link", name="АО «Теплосеть»")).to_be_visible()
    screenshot("person-phone")


@pytest.mark.usefixtures("esia")
def test_refusing_consent_shows_why_at_both_widths(page, screenshot):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Войти через Госуслуги").click()
    page.get_by_role("button", name="Отказать").click()
    expect(page.locator("#esia-error")).to_contain_text("Вы не разрешили Госуслугам передать ваши данные")
    screenshot("refused")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("refused-phone")


@pytest.mark.usefixtures("esia")
def test_an_organisation_the_person_left_is_refused_with_esias_code(page, screenshot, esia):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Войти через Госуслуги").click()
    page.get_by_role("button", name="Предоставить").click()
    expect(page.get_by_role("heading", name="От чьего имени вы действуете?")).to_be_visible()
    esia.left_orgs = {data.ORG_OIDS[1]}
    page.get_by_role("link", name="АО «Теплосеть»").click()
    expect(page.locator("#esia-error")).to_contain_text("не числитесь сотрудником этой организации")
    expect(page.locator("main")).to_contain_text("ESIA-007194")
    screenshot("org-refused")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("org-refused-phone")
    assert not OrganisationLink.objects.exists()
    page.get_by_role("link", name="От чьего имени вы действуете?").click()
    expect(page.locator("#act-self")).to_have_class(re.compile("active"))
