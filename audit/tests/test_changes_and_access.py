"""Issue 12 §5: changes (portal and admin) and views/downloads of personal data are in the audit with
actor, address, object and whose data it is (django-auditlog's LogEntry)."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts import sample_numbers
from accounts.models import Profile
from accounts.tests.factories import LegalApplicantFactory, StaffFactory
from appeals.tests.factories import pdf_upload, registered
from applications.models import Application, ApplicationSignature
from applications.tests.factories import submitted
from notifications.models import Notification
from signing.models import SignatureVerification

pytestmark = pytest.mark.django_db
IP = "198.51.100.7"


def _entries(model, action):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), action=action)


def test_a_profile_saved_in_the_portal_records_old_and_new_values_actor_and_address(client):
    legal = LegalApplicantFactory(username="org")
    old_inn = Profile.objects.get(user=legal).inn
    client.force_login(legal)
    data = {"org_full_name": "ООО «Новая»", "org_short_name": "ООО «Новая»",
            "inn": sample_numbers.inn_legal("312300099"), "kpp": "312301001",
            "ogrn": sample_numbers.ogrn("103310000099"), "legal_address": "г. Курск",
            "postal_address": "г. Курск", "head_name": "Орлов О. О.", "head_position": "Директор"}
    assert client.post(reverse("accounts:profile"), data, REMOTE_ADDR=IP).status_code == 302
    entry = _entries(Profile, LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["inn"] == [old_inn, data["inn"]]
    assert entry.actor == legal and entry.remote_addr == IP
    assert entry.additional_data["subject"] == legal.pk


def test_a_transition_made_in_the_admin_is_recorded_with_the_staff_member(client):
    application = submitted()
    staff = StaffFactory(username="auditor-staff")
    staff.staff_branches.add(application.branch)
    client.force_login(staff)
    url = reverse("admin:applications_application_transition", args=[application.pk, "take_into_review"])
    assert client.post(url, {"comment": ""}, REMOTE_ADDR=IP).status_code == 302
    entry = _entries(Application, LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.changes_dict["status"] == ["submitted", "under_review"]
    assert entry.actor == staff and entry.remote_addr == IP
    assert entry.additional_data["subject"] == application.applicant_id


def test_the_password_is_never_in_the_audit(applicant):
    applicant.set_password("Sekretnyj-Parol-2026")
    applicant.save()
    assert not LogEntry.objects.filter(changes_text__contains="pbkdf2").exists()
    assert all("password" not in (entry.changes_dict or {}) for entry in LogEntry.objects.all())


def _downloads(applicant):
    application = submitted(applicant=applicant)
    document = application.documents.first()
    appeal = registered(applicant, uploads=[pdf_upload()])
    verification = SignatureVerification.objects.create(
        document_sha256="0" * 64, signature_sha256="0" * 64, is_valid=True, indication="TOTAL_PASSED",
        summary="ok", report={}, created_by=applicant)
    return {
        "profile": (reverse("accounts:profile"), Profile, applicant.profile.pk),
        "settings": (reverse("accounts:settings"), type(applicant), applicant.pk),
        "document": (reverse("applications:document_download", args=[application.pk, document.pk]),
                     type(document), document.pk),
        "zip": (reverse("applications:documents_zip", args=[application.pk]), Application, application.pk),
        "receipt": (reverse("applications:receipt_pdf", args=[application.pk]), Application, application.pk),
        "appeal_file": (reverse("appeals:file_download", args=[appeal.pk, appeal.files.first().pk]),
                        type(appeal.files.first()), appeal.files.first().pk),
        "signature_report": (reverse("signing:report", args=[verification.pk]), SignatureVerification,
                             verification.pk),
    }


def test_every_view_or_download_of_personal_data_is_an_access_row(client, applicant):
    client.force_login(applicant)
    for what, (url, model, pk) in _downloads(applicant).items():
        response = client.get(url, REMOTE_ADDR=IP)
        assert response.status_code == 200, what
        if response.streaming:
            b"".join(response.streaming_content)
        entry = _entries(model, LogEntry.Action.ACCESS).get(object_pk=str(pk), additional_data__what=what)
        assert entry.additional_data["what"] == what
        assert entry.additional_data["subject"] == applicant.pk, what
        assert entry.actor == applicant and entry.remote_addr == IP


def test_another_user_is_refused_and_nothing_is_recorded_for_them(client, applicant, other_applicant):
    urls = _downloads(applicant)
    client.force_login(other_applicant)
    for what in ("document", "zip", "receipt", "appeal_file", "signature_report"):
        assert client.get(urls[what][0]).status_code == 404, what
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=other_applicant).exists()


def test_opening_rows_with_personal_data_in_the_admin_is_recorded(client, admin_user, applicant):
    application = submitted(applicant=applicant)
    signature = ApplicationSignature.objects.create(
        document=application.documents.first(), signature=pdf_upload("a.sig"), is_valid=True, signer="x",
        signed_by=applicant)
    notification = Notification.objects.create(channel="email", recipient="a@example.ru", user=applicant,
                                               template="t", body="текст")
    client.force_login(admin_user)
    for obj in (applicant, application, signature, notification):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.get(url, REMOTE_ADDR=IP).status_code == 200
        entry = _entries(type(obj), LogEntry.Action.ACCESS).get(object_pk=str(obj.pk))
        assert entry.actor == admin_user and entry.additional_data == {
            "what": "admin_view", "subject": applicant.pk, "path": url}


def test_a_phone_change_confirmed_by_sms_is_recorded_with_both_numbers(client, applicant):
    from accounts import services
    from accounts.tests.helpers import last_sms_code

    old_digits = "".join(filter(str.isdigit, str(applicant.phone)))
    services.phone_verification_start(user=applicant, phone="+79125550011")
    client.force_login(applicant)
    response = client.post(reverse("accounts:phone_confirm"), {"code": last_sms_code("+79125550011")},
                           REMOTE_ADDR=IP)
    assert response.status_code == 302
    entry = _entries(type(applicant), LogEntry.Action.UPDATE).filter(object_pk=str(applicant.pk)).latest("pk")
    old, new = entry.changes_dict["phone"]
    assert "".join(filter(str.isdigit, old)) == old_digits and "".join(filter(str.isdigit, new)) == "79125550011"
    assert entry.actor == applicant and entry.remote_addr == IP
