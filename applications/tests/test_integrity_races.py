"""Issue 12 §2, reproduced on PostgreSQL: an edit and two transitions fired together, and concurrent
signature uploads. Before the fix the draft save wrote the whole row it had read before the lock, so a
withdrawal or rejection could be undone and the other one then went through too (two notices)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test import Client
from django.urls import reverse

from applications.models import Application, ApplicationEvent, ApplicationSignature, Status
from applications.tests.factories import submitted
from notifications.models import Notification
from portal.tests.concurrency import run_together
from signing.testing import pki

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]

FINAL_MOVES = (Status.WITHDRAWN, Status.REJECTED)


@pytest.fixture(autouse=True)
def staff_groups(transactional_db):
    import importlib

    from django.apps import apps

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)


def _draft_form(application, **changes):
    values = {"applicant_name": application.applicant_name, "phone": str(application.phone),
              "email": application.email, "object_address": application.object_address,
              "cadastral_number": application.cadastral_number, "object_purpose": application.object_purpose,
              "reason": application.reason, "max_load": str(application.max_load),
              "load_unit": application.load_unit, "planned_commissioning": application.planned_commissioning,
              "delivery_method": application.delivery_method, "comment": ""}
    return {**values, **changes}


def _status_history_agrees(application):
    """The last status change in the history is the status the row has."""
    moves = ApplicationEvent.objects.filter(application=application).exclude(from_status=F("to_status"))
    return moves.order_by("created_at", "pk").last().to_status == application.status


def test_a_draft_save_racing_a_withdrawal_and_a_rejection_never_undoes_either(applicant, staff):
    """The issue's scene, 12 times: the applicant saves the corrections form, staff press «Отклонить», the
    applicant withdraws — all at the same moment. Exactly one final move wins; status and history agree;
    one notice per move."""
    applications = []
    for _ in range(12):
        application = submitted(applicant)
        application.request_correction(actor=staff, comment="Уточните нагрузку.")
        applications.append(application)
    client = Client()
    client.force_login(applicant)
    notices_before = Notification.objects.filter(template="application_status").count()

    for application in applications:
        url = reverse("applications:save", args=[application.pk])
        form = _draft_form(application, comment="Исправил нагрузку.")
        run_together([
            lambda url=url, form=form: client.post(url, form),
            lambda pk=application.pk: Application.objects.get(pk=pk).reject(actor=staff, comment="Нет документов."),
            lambda pk=application.pk: Application.objects.get(pk=pk).withdraw(actor=applicant, comment="Передумал."),
        ])

    for application in applications:
        application.refresh_from_db()
        final_moves = ApplicationEvent.objects.filter(application=application, to_status__in=FINAL_MOVES)
        assert final_moves.count() == 1, list(final_moves.values_list("to_status", flat=True))
        assert application.status == final_moves.get().to_status
        assert _status_history_agrees(application)
    per_move = 2  # an e-mail and an SMS (the applicant's phone is confirmed)
    sent = Notification.objects.filter(template="application_status").count() - notices_before
    assert sent == per_move * len(applications)


def test_the_saved_draft_keeps_only_the_applicants_fields_when_it_wins(applicant, staff):
    application = submitted(applicant)
    application.request_correction(actor=staff, comment="Уточните нагрузку.")
    client = Client()
    client.force_login(applicant)
    client.post(reverse("applications:save", args=[application.pk]), _draft_form(application, max_load="0,5"))
    application.refresh_from_db()
    assert str(application.max_load) == "0.5000" and application.status == Status.NEEDS_CORRECTION
    assert application.correction_request == "Уточните нагрузку."


@pytest.fixture
def authority(tmp_path_factory):
    return pki.Authority(tmp_path_factory.mktemp("race-pki"), "root", "gost2012_256_TCA",
                         subject="/CN=Тестовый УЦ/O=Test PKI")


def test_signatures_of_every_document_uploaded_at_once_make_the_application_signed(applicant, staff, settings,
                                                                                   authority, tmp_path):
    """Three valid signatures posted at the same moment: each request used to see only its own row and
    the application stayed «Ожидает подписи ЭЦП» with every document signed."""
    from accounts import sample_numbers

    settings.SIGNING_TRUST_ANCHORS = [str(authority.cert)]
    key = authority.issue("ivanov", "gost2012_256_A",
                          f"/CN=Иванов Иван Иванович/SN=Иванов/GN=Иван Иванович/SNILS={sample_numbers.snils()}")
    application = submitted(applicant)
    application.take_into_review(actor=staff)
    application.request_signature(actor=staff)
    documents = list(application.documents.all())
    signatures = {d.pk: pki.sign(key, Path(d.file.path), tmp_path / f"{d.pk}.sig", cades=True).read_bytes()
                  for d in documents}
    url = reverse("applications:sign_submit", args=[application.pk])

    def upload(document):
        client = Client()
        client.force_login(applicant)
        return client.post(url, {"document_id": document.pk,
                                 "signature_file": SimpleUploadedFile("doc.sig", signatures[document.pk])})

    results = run_together([lambda d=d: upload(d) for d in documents])
    assert not [r for r in results if isinstance(r, Exception)], results
    application.refresh_from_db()
    assert ApplicationSignature.objects.filter(document__application=application, is_valid=True).count() == 3
    assert application.status == Status.SIGNED
    assert application.events.filter(to_status=Status.SIGNED).count() == 1
