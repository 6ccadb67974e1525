"""Issue 11 item 8: the registration captcha has a Russian text alternative, a refresh button, a spoken
alternative (flite) and a label; a wrong answer keeps everything typed except the passwords."""

import re
import shutil

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from accounts.tests.test_signup import signup_data

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")


def hashkey(page):
    return re.search(r'name="captcha_0" value="([^"]+)"', page).group(1)


def test_the_captcha_has_a_russian_alt_a_label_a_refresh_button_and_audio(client, monkeypatch):
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_FLITE_PATH", shutil.which("flite"))
    page = client.get(SIGNUP).content.decode()
    assert 'alt="Картинка с 5 латинскими буквами' in page and 'alt="captcha"' not in page
    assert "Другая картинка" in page and "data-captcha-refresh" in page
    assert re.search(r'<label[^>]+for="id_captcha_1"[^>]*>Символы с картинки</label>', page)
    audio = re.search(r'href="(/captcha/audio/[^"]+)"', page).group(1)
    response = client.get(audio)
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


def test_refresh_gives_a_new_picture_and_key(client):
    old = hashkey(client.get(SIGNUP).content.decode())
    data = client.get(reverse("captcha-refresh"), headers={"x-requested-with": "XMLHttpRequest"}).json()
    assert data["key"] != old and CaptchaStore.objects.filter(hashkey=data["key"]).exists()
    assert client.get(data["image_url"]).status_code == 200


def test_a_wrong_answer_keeps_what_was_typed_except_passwords(client, monkeypatch):
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", False)
    key = hashkey(client.get(SIGNUP).content.decode())
    response = client.post(SIGNUP, signup_data(captcha_0=key, captcha_1="WRONG", full_name="Смирнова Ольга"))
    page = response.content.decode()
    assert response.status_code == 200 and "не совпадают с картинкой" in page
    for typed in ('value="Смирнова Ольга"', 'value="olga@example.ru"', 'value="olga"'):
        assert typed in page
    assert re.search(r'<input type="tel" name="phone" value="[^"]*345-67-89"', page)
    assert "Zelenaya-Lampa-77" not in page
    assert hashkey(page) != key  # a fresh picture; the answer field is empty again
