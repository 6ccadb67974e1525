"""A person logged in through a confirmed ESIA account signs with the simple e-signature confirmed through
Gosuslugi (ПП РФ №644 п. 90(1)): no SMS code; the act, the receipt, the ZIP and the staff show ESIA's part."""

import io
import zipfile

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.esia import services
from accounts.esia.testing import data
from accounts.esia.testing.fixtures import esia  # noqa: F401  (the stand-in ESIA fixture)
from accounts.esia.tests.helpers import act_for_organisation, login_through_esia
from accounts.models import User
from accounts.tests.factories import ApplicantFactory, StaffFactory
from applications.models import Application, Status
from applications.receipt import receipt_rows
from applications.simple_signing import act_of, application_sign_simple_esia
from applications.tests.outcomes import assert_one_signing_outcome
from applications.tests.test_simple_signing import awaiting_signature
from notifications.models import Notification
from portal.tests.concurrency import run_together
from signing.models import SimpleSignatureAct
from signing.simple import simple_signature_consent_accept

pytestmark = pytest.mark.django_db


def _person(client, esia):
    login_through_esia(client, esia)
    return User.objects.get(username=f"esia-{data.PERSON_OID}")


def _page(client, application, **post):
    url = reverse("applications:sign_simple", args=[application.pk])
    return client.post(url, post) if post else client.get(url)


def test_an_identified_person_signs_without_an_sms_code(client, esia, staff):
    person = _person(client, esia)
    application = awaiting_signature(person, staff)
    assert "Вошли через Госуслуги: код не нужен" in client.get(
        reverse("applications:sign", args=[application.pk])).content.decode()
    _page(client, application, action="accept")
    page = _page(client, application).content.decode()
    assert 'id="sign-esia"' in page and "Простая ЭП, подтверждённая через Госуслуги" in page
    response = _page(client, application, action="esia")
    assert response.status_code == 302 and response["Location"] == reverse("applications:detail",
                                                                           args=[application.pk])
    application.refresh_from_db()
    assert application.status == Status.SIGNED
    act = act_of(application)
    assert act.method == SimpleSignatureAct.Method.ESIA and act.esia_oid == data.PERSON_OID
    assert act.esia_trust == services.TRUST_CONFIRMED and act.esia_authenticated_at <= act.signed_at
    assert act.code_sent_at is None and act.code_checked_at is None
    assert not Notification.objects.filter(template="simple_signature_code").exists()  # no SMS code was sent

    text = dict(receipt_rows(application)[0])["Подпись"]
    assert "подтвердил личность через Госуслуги" in text
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(
        reverse("applications:signed_zip", args=[application.pk])).streaming_content)))
    act_name = next(name for name in archive.namelist() if name.startswith("Акт"))
    act_text = archive.read(act_name).decode()
    assert f"идентификатор {data.PERSON_OID}" in act_text and "Время входа через ЕСИА" in act_text
    assert "подтверждена через Госуслуги" in _page(client, application).content.decode()


def test_the_staff_see_the_esia_confirmation(client, esia, staff, admin_client):
    person = _person(client, esia)
    application = awaiting_signature(person, staff)
    _page(client, application, action="accept")
    _page(client, application, action="esia")
    act = act_of(application)
    page = admin_client.get(reverse("admin:signing_simplesignatureact_change", args=[act.pk])).content.decode()
    assert data.PERSON_OID in page and "через Госуслуги" in page


def test_an_account_esia_has_not_confirmed_is_not_identified(client, esia, staff):
    esia.trusted = False
    person = _person(client, esia)
    application = awaiting_signature(person, staff)
    _page(client, application, action="accept")
    assert 'id="sign-esia"' not in _page(client, application).content.decode()
    response = _page(client, application, action="esia")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.AWAITING_SIGNATURE and act_of(application) is None


def test_a_password_login_of_the_same_person_is_not_identified(client, esia, staff):
    person = _person(client, esia)
    application = awaiting_signature(person, staff)
    client.logout()
    client.force_login(person)
    _page(client, application, action="accept")
    _page(client, application, action="esia")
    assert act_of(application) is None


def test_an_old_esia_login_asks_to_confirm_again(client, esia, staff, settings):
    person = _person(client, esia)
    application = awaiting_signature(person, staff)
    session = client.session
    session[services.IDENTIFIED_AT_KEY] = (timezone.now() - timezone.timedelta(
        minutes=settings.ESIA_SIGNATURE_MAX_AGE_MINUTES + 1)).isoformat()
    session.save()
    _page(client, application, action="accept")
    page = _page(client, application).content.decode()
    assert 'id="sign-esia"' not in page and 'id="esia-stale"' in page
    assert "подтвердите вход через Госуслуги ещё раз: подтверждение действует 30 мин." in page
    _page(client, application, action="esia")
    assert act_of(application) is None
    login_through_esia(client, esia)  # a fresh ESIA login confirms again
    _page(client, application, action="esia")
    assert act_of(application).method == "esia"


def test_an_organisation_acted_for_signs_with_a_qualified_signature_only(client, esia, staff):
    _person(client, esia)
    act_for_organisation(client, esia, data.ORG_OIDS[0])
    organisation = User.objects.get(pk=client.session["_auth_user_id"])
    application = awaiting_signature(organisation, staff)
    assert _page(client, application).status_code == 404
    assert client.post(reverse("applications:sign_simple", args=[application.pk]),
                       {"action": "esia"}).status_code == 404
    assert "Вошли через Госуслуги" not in client.get(
        reverse("applications:sign", args=[application.pk])).content.decode()
    assert act_of(application) is None


def test_acting_for_an_organisation_is_no_identification_of_it(client, esia):
    _person(client, esia)
    act_for_organisation(client, esia, data.ORG_OIDS[0])
    request = type("R", (), {"session": client.session, "user": User.objects.get(
        pk=client.session["_auth_user_id"])})
    assert services.esia_identification(request) is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_two_esia_signings_and_a_rejection_leave_one_outcome():
    """Two tabs sign through ESIA while the staff reject: one outcome, at most one act."""
    import importlib

    from django.apps import apps

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)
    applicant, staff = ApplicantFactory(username="racer"), StaffFactory(username="staffer")
    application = awaiting_signature(applicant, staff)
    simple_signature_consent_accept(user=applicant)
    identification = {"oid": data.PERSON_OID, "trust": services.TRUST_CONFIRMED,
                      "authenticated_at": timezone.now()}

    def sign():
        return application_sign_simple_esia(application=Application.objects.get(pk=application.pk), user=applicant,
                                            identification=identification)

    def reject():
        return Application.objects.get(pk=application.pk).reject(actor=staff, comment="Отказ")

    results = run_together([sign, sign, reject])
    assert_one_signing_outcome(application, results[:2])
