import pytest
from django.urls import reverse

from accounts.models import Profile
from accounts.tests.factories import EntrepreneurFactory, LegalApplicantFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(username="root", is_superuser=True))
    return client


def usernames(response):
    return {user.username for user in response.context["cl"].result_list}


@pytest.mark.parametrize("query_of", [
    lambda u: u.profile.inn, lambda u: u.profile.ogrn, lambda u: u.email, lambda u: "Ромашка", lambda u: "+7912",
])
def test_users_are_found_by_inn_ogrn_email_name_and_phone(admin_client, applicant, query_of):
    legal = LegalApplicantFactory(username="org")
    Profile.objects.filter(user=applicant).update(inn="", ogrn="")
    response = admin_client.get(reverse("admin:accounts_user_changelist"), {"q": query_of(legal)})
    assert "org" in usernames(response)


def test_users_are_filtered_by_type_and_confirmations(admin_client, applicant):
    EntrepreneurFactory(username="ip-unconfirmed", phone_confirmed_at=None)
    url = reverse("admin:accounts_user_changelist")
    assert usernames(admin_client.get(url, {"applicant_type__exact": "entrepreneur"})) == {"ip-unconfirmed"}
    assert "ip-unconfirmed" in usernames(admin_client.get(url, {"phone_confirmed": "no"}))
    assert "applicant" not in usernames(admin_client.get(url, {"phone_confirmed": "no"}))
    assert "applicant" in usernames(admin_client.get(url, {"email_confirmed": "yes"}))


def test_the_user_page_shows_profile_and_consents(admin_client, applicant):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[applicant.pk]))
    assert response.status_code == 200
    assert "СНИЛС" in response.content.decode()


def test_staff_cannot_give_an_account_a_login_with_at(admin_client, applicant):
    response = admin_client.post(reverse("admin:accounts_user_add"), {
        "username": "ann@other-person.example", "password1": "Kvadrat-Sinij-2026", "password2": "Kvadrat-Sinij-2026",
        "usable_password": "true"})
    assert response.status_code == 200 and "Логин не может содержать «@»" in response.content.decode()
    page = admin_client.get(reverse("admin:accounts_user_change", args=[applicant.pk]))
    data = {key: value for key, value in page.context["adminform"].form.initial.items() if value is not None}
    data.update({"username": "victim@example.org", "date_joined_0": "01.01.2026", "date_joined_1": "10:00:00"})
    response = admin_client.post(reverse("admin:accounts_user_change", args=[applicant.pk]), data)
    assert "Логин не может содержать «@»" in response.content.decode()
