import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from accounts.services import profile_is_complete
from portal.management.commands.load_demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_home_invites_to_register_and_log_in(client):
    page = client.get("/").content.decode()
    assert "Регистрация" in page and "Вход в личный кабинет" in page
    assert 'lang="ru"' in page


def test_the_menu_of_an_applicant_follows_the_seed(client, applicant):
    client.force_login(applicant)
    page = client.get("/").content.decode()
    for item in ("Заявки", "Обращения", "Настройки", "Выход", "Иванов Иван Иванович"):
        assert item in page
    assert "Рабочее место" not in page


def test_staff_see_the_dashboard_link_and_applicants_do_not_get_in(client, staff, applicant):
    client.force_login(staff)
    assert "Рабочее место" in client.get("/").content.decode()
    assert client.get(reverse("staff_dashboard")).status_code == 200
    client.force_login(applicant)
    assert client.get(reverse("staff_dashboard")).status_code == 302


def test_security_headers_are_sent(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_bootstrap_is_served_from_our_own_static_files(client):
    page = client.get("/").content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in page
    assert "cdn" not in page.lower()


def test_demo_data_has_every_role_and_can_be_loaded_twice(capsys):
    call_command("load_demo")
    call_command("load_demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    for login in ("fl", "ul", "ip", "staff", "reviewer", "frontoffice", "admin"):
        assert login in out
        assert User.objects.get(username=login).check_password(DEMO_PASSWORD)
    assert all(profile_is_complete(User.objects.get(username=login)) for login in ("fl", "ul", "ip"))
    assert User.objects.get(username="staff").groups.filter(name="Utility staff").exists()
    assert User.objects.get(username="admin").is_superuser


def test_demo_users_can_log_in_with_the_printed_password(client):
    call_command("load_demo")
    response = client.post(reverse("account_login"), {"login": "ul", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert "ООО «Тепловой квартал»" in client.get("/").content.decode()


def test_the_russian_catalogue_is_complete_and_compiled():
    """Every entry of the .po is translated, and the committed .mo says the same as the .po."""
    import gettext
    import re
    from pathlib import Path

    locale = Path(__file__).resolve().parents[2] / "locale" / "ru" / "LC_MESSAGES"
    compiled = gettext.GNUTranslations(open(locale / "django.mo", "rb"))
    po = (locale / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po
    singular = re.findall(r'^(?:msgctxt "(.+)"\n)?msgid "(.+)"\nmsgstr "(.*)"$', po, re.M)
    assert len(singular) > 100
    for context, msgid, msgstr in singular:
        assert msgstr, f"untranslated: {msgid}"
        msgid, msgstr = msgid.replace('\\"', '"'), msgstr.replace('\\"', '"')
        compiled_text = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert compiled_text == msgstr, msgid
    assert compiled.ngettext("Wrong code. %(count)d attempt left.", "Wrong code. %(count)d attempts left.", 2) \
        == "Неверный код. Осталось %(count)d попытки."
