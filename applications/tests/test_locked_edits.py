"""Issue 12 §2: every edit of an application re-checks its status on the locked row. Each test acts on
a copy read before someone else's move, as a request that loaded the page earlier would."""

import pytest
from django.urls import reverse

from applications import services
from applications.models import Application, ApplicationDocument, Status
from applications.tests.factories import ApplicationFactory, pdf_upload, submitted, with_documents
from portal.workflow import EditNotAllowed

pytestmark = pytest.mark.django_db


def test_a_file_cannot_slip_into_an_application_submitted_meanwhile(applicant):
    draft = with_documents(ApplicationFactory(applicant=applicant))
    stale = Application.objects.get(pk=draft.pk)
    draft.submit(actor=applicant)
    with pytest.raises(EditNotAllowed):
        services.document_add(application=stale, uploaded_file=pdf_upload("поздно.pdf"), slot="other", actor=applicant)
    assert not ApplicationDocument.objects.filter(original_name="поздно.pdf").exists()


def test_a_file_of_a_submitted_application_cannot_be_removed(applicant):
    application = submitted(applicant)
    document = application.documents.first()
    with pytest.raises(EditNotAllowed):
        services.document_remove(document=document, actor=applicant)
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()


def test_a_stale_draft_save_cannot_undo_a_withdrawal(applicant, staff):
    application = submitted(applicant)
    application.request_correction(actor=staff, comment="Уточните нагрузку.")
    stale = Application.objects.get(pk=application.pk)
    application.withdraw(actor=applicant)
    with pytest.raises(EditNotAllowed):
        services.application_update(application=stale, values={"comment": "Исправил"})
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == Status.WITHDRAWN and stored.comment == ""


def test_a_draft_submitted_meanwhile_is_not_deleted(client, applicant):
    draft = with_documents(ApplicationFactory(applicant=applicant))
    stale = Application.objects.get(pk=draft.pk)
    draft.submit(actor=applicant)
    with pytest.raises(EditNotAllowed):
        services.application_draft_delete(application=stale)
    client.force_login(applicant)
    response = client.post(reverse("applications:draft_delete", args=[draft.pk]), follow=True)
    assert "Удалить можно только черновик" in response.content.decode()
    assert Application.objects.filter(pk=draft.pk, status=Status.SUBMITTED).exists()
