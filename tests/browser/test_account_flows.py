"""A person registers, confirms e-mail and phone, logs out and in, resets the password, and changes
e-mail and phone — all by clicking in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.tests.helpers import last_sms_code, link_in_last_mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zelenaya-Lampa-77"
TYPES = [
    ("individual", "Физическое лицо", "ФИО", "Смирнова Ольга Петровна"),
    ("legal", "Юридическое лицо", "Наименование организации", "ООО «Водоканал-Сервис»"),
    ("entrepreneur", "Индивидуальный предприниматель", "ФИО индивидуального предпринимателя",
     "Кузнецов Илья Андреевич"),
]


def register(page, *, type_label, name_label, name, login, phone):
    page.goto("/")
    page.get_by_role("link", name="Регистрация").first.click()
    page.get_by_label(type_label).check()
    expect(page.locator("label[for=id_full_name]")).to_contain_text(name_label)
    page.get_by_label(name_label).fill(name)
    page.locator("input[name=email]").fill(f"{login}@example.ru")
    page.locator("input[name=username]").fill(login)
    page.locator("input[name=phone]").fill(phone)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("input[name=captcha_1]").fill("PASSED")
    page.get_by_label("Я согласен на обработку персональных данных").check()
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_role("heading", name="Подтверждение телефона")).to_be_visible()


def confirm_phone(page, phone_e164):
    page.get_by_label("Код из SMS").fill(last_sms_code(phone_e164))
    page.get_by_role("button", name="Подтвердить").click()
    expect(page.get_by_text("Номер телефона подтверждён.")).to_be_visible()


def confirm_email(page, address):
    page.goto(link_in_last_mail(address, r"http://\S+"))
    page.get_by_role("button", name="Подтвердить").click()


def reauthenticate(page, password):
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Подтвердить").click()


def log_in(page, login, password=PASSWORD):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Войти").click()


@pytest.mark.parametrize("value,type_label,name_label,name", TYPES, ids=[t[0] for t in TYPES])
def test_each_applicant_type_registers_and_confirms(page, screenshot, value, type_label, name_label, name):
    register(page, type_label=type_label, name_label=name_label, name=name, login=f"new-{value}",
             phone="+7 912 345-67-89")
    screenshot("phone-code")
    confirm_phone(page, "+79123456789")
    confirm_email(page, f"new-{value}@example.ru")
    log_in(page, f"new-{value}")
    expect(page.locator("nav .user-name")).to_have_text(name)
    screenshot("home")
    user = User.objects.get(username=f"new-{value}")
    assert user.applicant_type == value and user.phone_confirmed


def test_bad_registration_input_is_explained_and_kept(page, screenshot):
    page.goto("/accounts/signup/")
    page.get_by_label("Юридическое лицо").check()
    page.get_by_label("Наименование организации").fill("ООО «Ромашка»")
    page.locator("input[name=email]").fill("not-an-email")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill("Drugoj-Parol-11")
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_text("Вы должны ввести одинаковый пароль дважды.").first).to_be_visible()
    expect(page.get_by_label("Наименование организации")).to_have_value("ООО «Ромашка»")
    expect(page.locator("input[name=password1]")).to_have_value("")
    screenshot("errors")
    assert not User.objects.exists()


def test_log_out_log_in_reset_password_and_change_email_and_phone(page, screenshot, applicant):
    log_in(page, "applicant", "Kvadrat-Sinij-2026")
    expect(page.locator("nav .user-name")).to_have_text("Иванов Иван Иванович")
    page.get_by_role("button", name="Выход").click()
    expect(page.get_by_role("heading", name="Вход в личный кабинет")).to_be_visible()

    page.get_by_role("link", name="Забыли пароль?").click()
    page.get_by_label("Логин или e-mail").fill("applicant")
    page.get_by_role("button", name="Продолжить").click()
    expect(page.get_by_role("heading", name="Проверьте почту")).to_be_visible()
    page.goto(link_in_last_mail("applicant@example.ru", r"http://\S+/password/reset/key/\S+"))
    page.locator("input[name=password1]").fill("Svezhij-Parol-42")
    page.locator("input[name=password2]").fill("Svezhij-Parol-42")
    page.get_by_role("button", name="Сохранить пароль").click()
    expect(page.get_by_role("heading", name="Пароль изменён")).to_be_visible()
    log_in(page, "applicant@example.ru", "Svezhij-Parol-42")
    expect(page.locator("nav .user-name")).to_be_visible()

    page.get_by_role("link", name="Настройки", exact=True).click()
    screenshot("settings")
    page.get_by_role("link", name="Изменить адрес электронной почты").click()
    page.get_by_label("Новый e-mail").fill("fresh@example.ru")
    page.get_by_role("button", name="Продолжить").click()
    reauthenticate(page, "Svezhij-Parol-42")  # issue 11: the password again before the change
    confirm_email(page, "fresh@example.ru")
    page.goto("/accounts/settings/")
    expect(page.locator("#settings-email")).to_have_text("fresh@example.ru")

    page.get_by_role("link", name="Изменить телефон").click()
    if page.locator("input[name=password]").count():  # asked again once the last re-entry is 5 minutes old
        reauthenticate(page, "Svezhij-Parol-42")
    page.get_by_label("Новый мобильный телефон").fill("+7 903 111-22-33")
    page.get_by_role("button", name="Отправить код").click()
    confirm_phone(page, "+79031112233")
    expect(page.locator("#settings-phone")).to_contain_text(re.compile(r"\+7 903 111"))
    screenshot("settings-changed")
