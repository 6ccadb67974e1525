import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import ApplicantType, Consent, Profile, User
from accounts.tests.factories import ApplicantFactory
from accounts.tests.helpers import link_in_last_mail
from notifications.models import Notification

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")


def signup_data(**changes):
    data = {
        "applicant_type": ApplicantType.INDIVIDUAL, "full_name": "Смирнова  Ольга Петровна",
        "email": "olga@example.ru", "username": "olga", "phone": "+7 912 345-67-89",
        "password1": "Zelenaya-Lampa-77", "password2": "Zelenaya-Lampa-77",
        "captcha_0": "x", "captcha_1": "PASSED", "consent": "on",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("applicant_type,name", [
    (ApplicantType.INDIVIDUAL, "Смирнова Ольга Петровна"),
    (ApplicantType.LEGAL, "ООО «Водоканал-Сервис»"),
    (ApplicantType.ENTREPRENEUR, "Кузнецов Илья Андреевич"),
])
def test_registration_creates_the_applicant_with_profile_consent_and_codes(client, applicant_type, name):
    response = client.post(SIGNUP, signup_data(applicant_type=applicant_type, full_name=name))
    assert response.status_code == 302
    assert response.url == reverse("accounts:phone_confirm")
    user = User.objects.get(username="olga")
    assert (user.applicant_type, user.full_name, user.phone.as_e164) == (applicant_type, name, "+79123456789")
    assert not user.phone_confirmed
    assert Consent.objects.filter(user=user, document__version="1.0").exists()
    profile = Profile.objects.get(user=user)
    if applicant_type == ApplicantType.LEGAL:
        assert profile.org_full_name == name
    else:
        assert profile.last_name == name.split()[0]
    assert not EmailAddress.objects.get(user=user).verified
    assert Notification.objects.filter(channel="sms", recipient="+79123456789").count() == 1
    assert "/accounts/confirm-email/" in link_in_last_mail("olga@example.ru", r"http://\S+")


def test_the_phone_page_after_registration_mentions_the_mail(client):
    response = client.post(SIGNUP, signup_data(), follow=True)
    page = response.content.decode()
    assert "olga@example.ru" in page and "+7 912 345-67-89" in page


def test_an_unconfirmed_email_cannot_log_in_until_the_link_is_followed(client):
    client.post(SIGNUP, signup_data())
    client.logout()
    link = link_in_last_mail("olga@example.ru", r"http://\S+")
    response = client.post(reverse("account_login"), {"login": "olga", "password": "Zelenaya-Lampa-77"})
    assert "_auth_user_id" not in client.session
    client.post(link)
    assert EmailAddress.objects.get(email="olga@example.ru").verified
    response = client.post(reverse("account_login"), {"login": "olga@example.ru", "password": "Zelenaya-Lampa-77"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="olga").pk)


def test_a_reused_confirmation_link_says_so(client):
    client.post(SIGNUP, signup_data())
    link = link_in_last_mail("olga@example.ru", r"http://\S+")
    client.post(link)
    response = client.get(link)
    assert response.status_code == 200
    assert "устарела или уже была использована" in response.content.decode()
    assert EmailAddress.objects.get(email="olga@example.ru").verified


def test_an_invalid_confirmation_link_gets_a_clear_page(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    assert response.status_code == 200
    assert "устарела или уже была использована" in response.content.decode()


BAD_INPUT = [
    ("taken login", {"username": "taken"}, "username"),
    ("taken email", {"email": "taken@example.ru"}, "email"),
    ("mismatched passwords", {"password2": "Drugoy-Parol-99"}, "password2"),
    ("short password", {"password1": "Ab1-xyz", "password2": "Ab1-xyz"}, "password1"),
    ("common password", {"password1": "password123", "password2": "password123"}, "password1"),
    ("numeric password", {"password1": "8405719264", "password2": "8405719264"}, "password1"),
    ("bad phone", {"phone": "12345"}, "phone"),
    ("wrong captcha", {"captcha_1": "WRONG"}, "captcha"),
    ("no consent", {"consent": ""}, "consent"),
    ("no name", {"full_name": "  "}, "full_name"),
    ("bad email", {"email": "olga-at-example"}, "email"),
]


@pytest.mark.parametrize("case,changes,field", BAD_INPUT, ids=[case for case, *_ in BAD_INPUT])
def test_bad_registration_input_gets_a_russian_message_and_creates_nothing(client, case, changes, field):
    ApplicantFactory(username="taken", email="taken@example.ru")
    users_before, rows_before = User.objects.count(), Notification.objects.count()
    response = client.post(SIGNUP, signup_data(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(ch in "абвгдеёжзийклмнопрстуфхцчшщыэюя" for ch in " ".join(errors[field]).lower())
    assert User.objects.count() == users_before
    assert Notification.objects.count() == rows_before
    assert len(mail.outbox) == 0
    page = response.content.decode()
    if field != "full_name":
        assert "Смирнова Ольга Петровна" in page or "Смирнова  Ольга Петровна" in page
    assert "Zelenaya-Lampa-77" not in page


def test_the_name_label_follows_the_legal_type_on_errors(client):
    response = client.post(SIGNUP, signup_data(applicant_type=ApplicantType.LEGAL, username=""))
    assert "Наименование организации" in response.content.decode()


def test_the_consent_text_has_its_own_page(client):
    response = client.get(reverse("accounts:consent_document"))
    assert response.status_code == 200
    assert "152-ФЗ" in response.content.decode()


def test_a_real_captcha_answer_is_checked_when_test_mode_is_off(client, monkeypatch):
    import re

    from captcha.models import CaptchaStore

    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", False)
    page = client.get(SIGNUP).content.decode()
    hashkey = re.search(r'name="captcha_0" value="([^"]+)"', page).group(1)
    assert client.post(SIGNUP, signup_data(captcha_0=hashkey, captcha_1="PASSED")).status_code == 200
    page = client.get(SIGNUP).content.decode()
    hashkey = re.search(r'name="captcha_0" value="([^"]+)"', page).group(1)
    answer = CaptchaStore.objects.get(hashkey=hashkey).response
    assert client.post(SIGNUP, signup_data(captcha_0=hashkey, captcha_1=answer)).status_code == 302


def test_registration_without_a_published_consent_text_is_refused_cleanly(client):
    from accounts.models import ConsentDocument

    ConsentDocument.objects.all().delete()
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 200
    assert "текст согласия не опубликован" in response.content.decode()
    assert not User.objects.exists()
