"""Signing an application with a simple e-signature (individuals): agreement, SMS code, act, «Подписана»."""

import io
import zipfile

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import PhoneVerification
from accounts.tests.factories import ApplicantFactory, LegalApplicantFactory, StaffFactory
from accounts.tests.helpers import last_sms_code
from applications.models import Application, ApplicationEvent, Status
from applications.receipt import receipt_rows
from applications.simple_signing import act_of, application_sign_simple
from applications.tests.factories import submitted
from applications.tests.outcomes import assert_one_signing_outcome
from portal.tests.concurrency import run_together
from signing import gost
from signing.models import SimpleSignatureAct, SimpleSignatureConsent
from signing.simple import SimpleSignatureRefused, simple_signature_code_send, simple_signature_consent_accept


def awaiting_signature(applicant, staff):
    application = submitted(applicant)
    application.take_into_review(actor=staff)
    application.request_signature(actor=staff)
    return application


@pytest.fixture
def awaiting(applicant, staff):
    return awaiting_signature(applicant, staff)


def page(client, application, **data):
    url = reverse("applications:sign_simple", args=[application.pk])
    return client.post(url, data) if data else client.get(url)


@pytest.mark.django_db
def test_the_whole_flow_records_the_act_and_signs_the_application(client, applicant, awaiting):
    client.force_login(applicant)
    assert "Подписать простой электронной подписью" in client.get(
        reverse("applications:sign", args=[awaiting.pk])).content.decode()
    first = page(client, awaiting).content.decode()
    assert "Соглашение о признании простой электронной подписи" in first
    page(client, awaiting, action="accept")
    consent = SimpleSignatureConsent.objects.get(user=applicant)
    assert consent.version and consent.accepted_at
    page(client, awaiting, action="send")
    code = last_sms_code(applicant.phone.as_e164)
    wrong = page(client, awaiting, action="confirm", code="000000" if code != "000000" else "111111")
    assert wrong.status_code == 200 and "Неверный код" in wrong.content.decode()
    response = page(client, awaiting, action="confirm", code=code)
    assert response.status_code == 302, [str(m) for m in response.context["messages"]]
    assert response["Location"] == reverse("applications:detail", args=[awaiting.pk])
    awaiting.refresh_from_db()
    assert awaiting.status == Status.SIGNED
    act = act_of(awaiting)
    assert act.user == applicant and act.phone == applicant.phone.as_e164 and act.consent == consent
    assert act.ip_address == "127.0.0.1" and act.code_checked_at >= act.code_sent_at
    document = awaiting.documents.first()
    with document.file.open("rb") as handle:
        expected = gost.new("streebog256", handle.read()).digest().hex()
    assert {"name": document.original_name, "streebog256": expected} in act.documents
    event = ApplicationEvent.objects.filter(application=awaiting, to_status=Status.SIGNED).get()
    assert f"акт № {act.pk}" in event.comment
    # the receipt and the signed-files ZIP say so, with the act
    rows, _ = receipt_rows(awaiting)
    assert any("простой ЭП" in str(value) for _, value in rows)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(
        reverse("applications:signed_zip", args=[awaiting.pk])).streaming_content)))
    [act_name] = [name for name in archive.namelist() if name.startswith("Акт")]
    assert expected in archive.read(act_name).decode()


@pytest.mark.django_db
def test_a_used_code_cannot_sign_twice_and_attempts_are_counted(applicant, awaiting):
    simple_signature_consent_accept(user=applicant)
    simple_signature_code_send(user=applicant)
    for _ in range(3):
        with pytest.raises(SimpleSignatureRefused):
            application_sign_simple(application=awaiting, user=applicant, code="999999"
                                    if last_sms_code(applicant.phone.as_e164) != "999999" else "888888")
    verification = PhoneVerification.objects.get(user=applicant, purpose="simple_signature")
    assert verification.attempts_left == 0
    with pytest.raises(SimpleSignatureRefused, match="исчерпаны"):
        application_sign_simple(application=awaiting, user=applicant, code=last_sms_code(applicant.phone.as_e164))
    assert not SimpleSignatureAct.objects.exists()


@pytest.mark.django_db
def test_legal_entities_and_sole_proprietors_cannot_use_it(client, staff):
    legal = LegalApplicantFactory(username="ooo")
    application = awaiting_signature(legal, staff)
    client.force_login(legal)
    assert page(client, application).status_code == 404
    assert "Подписать простой" not in client.get(reverse("applications:sign", args=[application.pk])).content.decode()


@pytest.mark.django_db
def test_another_user_gets_404(client, awaiting, other_applicant):
    client.force_login(other_applicant)
    assert page(client, awaiting).status_code == 404


@pytest.mark.django_db
def test_no_code_without_the_agreement_or_a_confirmed_phone(client, applicant, awaiting):
    client.force_login(applicant)
    response = page(client, awaiting, action="send")
    assert not PhoneVerification.objects.filter(purpose="simple_signature").exists()
    assert "Сначала примите соглашение" in client.get(response["Location"]).content.decode()
    simple_signature_consent_accept(user=applicant)
    applicant.phone_confirmed_at = None
    applicant.save()
    with pytest.raises(SimpleSignatureRefused, match="Подтвердите номер телефона"):
        simple_signature_code_send(user=applicant)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_signing_while_staff_annuls_leaves_one_outcome():
    """The code is entered at the moment the application leaves «Ожидает подписи»: either it is signed
    with an act, or it is not and no act remains."""
    import importlib

    from django.apps import apps

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)
    applicant, staff = ApplicantFactory(username="racer"), StaffFactory(username="staffer")
    application = awaiting_signature(applicant, staff)
    simple_signature_consent_accept(user=applicant)
    simple_signature_code_send(user=applicant)
    code = last_sms_code(applicant.phone.as_e164)

    def sign():
        return application_sign_simple(application=Application.objects.get(pk=application.pk), user=applicant,
                                       code=code)

    def reject():
        return Application.objects.get(pk=application.pk).reject(actor=staff, comment="Отказ")

    results = run_together([sign, reject])
    if assert_one_signing_outcome(application, results[:1]) == 0:
        assert isinstance(results[0], Exception)  # the rejection came first: the signing was refused
