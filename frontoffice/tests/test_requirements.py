"""Each service's required documents and fields (configured in the admin) are enforced by the intake form,
with the reason next to each, and nothing typed or attached is lost (issue 15, seed 004 fig. 6)."""

import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import LegalApplicantFactory
from addresses.tests.factories import AddressFactory
from applications.models import Application
from applications.tests.factories import PDF_BYTES
from frontoffice.models import Intake, Service, ServiceDocument, StagedFile
from frontoffice.tests.factories import (
    POWER_OF_ATTORNEY,
    SITE_PLAN,
    ServiceFactory,
    distinct_pdf,
    front_office_operator,
)

pytestmark = pytest.mark.django_db
POINT = {"type": "Point", "coordinates": [36.58, 50.59]}



def _form(service, organisation, **changes):
    data = {"applicant": organisation.pk, "applicant_query": "ООО", "representative_name": "Кузнецов Олег",
            "representative_passport": "123456", "address": AddressFactory().pk, "address_query": "Садовая",
            "address_detail": "", "comment": "", "geometry": json.dumps(POINT),
            "submission_key": str(uuid.uuid4()), "files": [], "descriptions": [], "kinds": []}
    data.update(changes)
    return data


def _kind(service, name):
    return str(service.documents.get(name=name).pk)


def test_a_missing_required_document_is_named_and_the_files_are_kept(client, operator):
    service, organisation = ServiceFactory(), LegalApplicantFactory(username="romashka")
    url = reverse("frontoffice:intake_new", args=[service.pk])
    first = client.post(url, _form(service, organisation, files=[distinct_pdf("Доверенность.pdf")],
                                   descriptions=["Доверенность Кузнецова"],
                                   kinds=[_kind(service, POWER_OF_ATTORNEY)]))
    page = first.content.decode()
    assert first.status_code == 200 and not Intake.objects.exists() and not Application.objects.exists()
    missing = service.documents.get(name=SITE_PLAN)
    assert f'id="missing-{missing.pk}"' in page and "не приложен" in page
    assert f'id="missing-{service.documents.get(name=POWER_OF_ATTORNEY).pk}"' not in page
    kept = StagedFile.objects.get()
    assert kept.operator == operator and str(kept.token) in page and "Доверенность Кузнецова" in page
    assert 'value="Кузнецов Олег"' in page

    # The corrected form sends the kept file back (its token) with the new one: both register.
    second = client.post(url, _form(service, organisation, staged=[str(kept.token)],
                                    staged_descriptions=["Доверенность Кузнецова"],
                                    staged_kinds=[_kind(service, POWER_OF_ATTORNEY)], files=[distinct_pdf("План.pdf")],
                                    descriptions=["План"], kinds=[_kind(service, SITE_PLAN)]))
    intake = Intake.objects.get()
    assert second.status_code == 302
    assert sorted((a.description, a.stored.original_name) for a in intake.attachments.all()) == [
        ("Доверенность Кузнецова", "Доверенность.pdf"), ("План", "План.pdf")]
    assert not StagedFile.objects.exists()


def test_an_optional_document_is_not_demanded(client, operator):
    service = ServiceFactory(documents=["Заявление"])
    ServiceDocument.objects.create(service=service, name="Фотографии", is_required=False)
    response = client.post(reverse("frontoffice:intake_new", args=[service.pk]), _form(
        service, LegalApplicantFactory(), files=[distinct_pdf("Заявление.pdf")], descriptions=["Заявление"],
        kinds=[_kind(service, "Заявление")]))
    assert response.status_code == 302 and Intake.objects.count() == 1


def test_fields_the_service_requires_are_demanded_next_to_each(client, operator):
    service = ServiceFactory(documents=[], required_fields=["address_detail", "comment"])
    response = client.post(reverse("frontoffice:intake_new", args=[service.pk]), _form(
        service, LegalApplicantFactory(), files=[distinct_pdf("a.pdf")], descriptions=["Заявление"], kinds=[""]))
    page = response.content.decode()
    assert response.status_code == 200 and not Intake.objects.exists()
    assert page.count("Для этой услуги это поле обязательно") == 2
    assert 'id="id_address_detail-error"' in page and 'id="id_comment-error"' in page
    form = client.get(reverse("frontoffice:intake_new", args=[service.pk])).content.decode()
    assert 'aria-required="true" name="address_detail"' in form


def test_coordinates_are_demanded_and_nothing_else_is_lost(client, operator):
    service = ServiceFactory(documents=[])
    response = client.post(reverse("frontoffice:intake_new", args=[service.pk]), _form(
        service, LegalApplicantFactory(), geometry="", comment="Срочно", files=[distinct_pdf("a.pdf")],
        descriptions=["Заявление"], kinds=[""]))
    page = response.content.decode()
    assert 'id="id_geometry-error"' in page and "Отметьте место на карте" in page
    assert "Срочно" in page and str(StagedFile.objects.get().token) in page


def test_a_kept_file_of_another_operator_cannot_be_used(client, operator):
    other = front_office_operator("other")
    service = ServiceFactory(documents=[])
    foreign = StagedFile(operator=other, original_name="чужой.pdf", size=len(PDF_BYTES))
    foreign.file.save("x.pdf", SimpleUploadedFile("x.pdf", PDF_BYTES), save=True)
    response = client.post(reverse("frontoffice:intake_new", args=[service.pk]), _form(
        service, LegalApplicantFactory(), staged=[str(foreign.token)], staged_descriptions=["Чужой"],
        staged_kinds=[""]))
    assert "Прикрепите документы" in response.content.decode() and not Intake.objects.exists()
    assert "чужой.pdf" not in response.content.decode()


def test_a_refused_file_gets_its_reason_and_the_good_one_is_kept(client, operator):
    service = ServiceFactory(documents=[])
    response = client.post(reverse("frontoffice:intake_new", args=[service.pk]), _form(
        service, LegalApplicantFactory(),
        files=[distinct_pdf("a.pdf"), SimpleUploadedFile("virus.exe", b"MZ\x90\x00bin")],
        descriptions=["Заявление", "Программа"], kinds=["", ""]))
    page = response.content.decode()
    assert response.status_code == 200 and not Intake.objects.exists()
    assert "virus.exe:" in page and StagedFile.objects.get().original_name == "a.pdf"


def test_abandoned_kept_files_go_at_the_next_form(client, operator):
    from datetime import timedelta

    from django.utils import timezone

    service = ServiceFactory()
    old = StagedFile(operator=operator, original_name="old.pdf", size=1,
                     created_at=timezone.now() - timedelta(days=2))
    old.file.save("old.pdf", SimpleUploadedFile("old.pdf", PDF_BYTES), save=True)
    client.get(reverse("frontoffice:intake_new", args=[service.pk]))
    assert not StagedFile.objects.exists()


def test_the_admin_configures_documents_and_required_fields(admin_client, operator):
    service = ServiceFactory(documents=[])
    url = reverse("admin:frontoffice_service_change", args=[service.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    data = {"name": service.name, "case_type": "application", "kind": "tu", "supply_type": "cold_water",
            "branch": service.branch.pk, "executor": service.executor.pk, "required_fields": ["comment"],
            "is_active": "on", "order": 0,
            "documents-TOTAL_FORMS": 2, "documents-INITIAL_FORMS": 0, "documents-MIN_NUM_FORMS": 0,
            "documents-MAX_NUM_FORMS": 1000, "documents-0-name": "Заявление", "documents-0-is_required": "on",
            "documents-0-order": 0, "documents-1-name": "Фото", "documents-1-order": 1}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.required_fields == ["comment"]
    assert list(service.documents.values_list("name", "is_required")) == [("Заявление", True), ("Фото", False)]


def test_a_service_needs_an_executor_of_its_city():
    from django.core.exceptions import ValidationError

    from accounts.tests.factories import StaffFactory

    service = ServiceFactory()
    service.executor = None
    with pytest.raises(ValidationError, match="ответственн"):
        service.clean()
    service.executor = StaffFactory(username="elsewhere")
    with pytest.raises(ValidationError, match="сотрудник"):
        service.clean()
    service.required_fields = ["representative_name", "nonsense"]
    with pytest.raises(ValidationError):
        Service.clean(service)


def test_a_form_sent_without_javascript_keeps_the_file_and_asks_for_its_description(client, operator):
    service = ServiceFactory(documents=[])
    response = client.post(reverse("frontoffice:intake_new", args=[service.pk]), _form(
        service, LegalApplicantFactory(), files=[distinct_pdf("Скан.pdf")], descriptions=[], kinds=[]))
    page = response.content.decode()
    kept = StagedFile.objects.get()
    assert response.status_code == 200 and not Intake.objects.exists()
    assert kept.original_name == "Скан.pdf" and str(kept.token) in page and "Опишите документ" in page


def test_the_catalogue_lists_each_services_documents(client, operator):
    service = ServiceFactory()
    ServiceDocument.objects.create(service=service, name="Фотографии", is_required=False, order=5)
    response = client.get(reverse("frontoffice:catalogue"))
    page = response.content.decode()
    assert POWER_OF_ATTORNEY in page and SITE_PLAN in page
    assert '<li>Фотографии <span class="text-secondary">(при наличии)</span>' in page


def test_garbled_posts_get_reasons_not_errors(client, operator):
    service = ServiceFactory(documents=[])
    url = reverse("frontoffice:intake_new", args=[service.pk])
    response = client.post(url, _form(service, LegalApplicantFactory(), submission_key="zzz", staged=["not-a-uuid"],
                                      staged_descriptions=["x"], staged_kinds=["abc"], files=[distinct_pdf("a.pdf")],
                                      descriptions=["Заявление"], kinds=["99999"], applicant="abc", address="-1"))
    assert response.status_code == 200 and not Intake.objects.exists()
    page = response.content.decode()
    assert "intake-errors" in page and StagedFile.objects.count() == 1


def test_the_same_form_sent_again_shows_the_registered_case(client, operator):
    service, organisation = ServiceFactory(documents=[]), LegalApplicantFactory()
    form = _form(service, organisation, files=[distinct_pdf("a.pdf")], descriptions=["Заявление"], kinds=[""])
    first = client.post(reverse("frontoffice:intake_new", args=[service.pk]), form)
    form["files"] = [distinct_pdf("a.pdf")]
    second = client.post(reverse("frontoffice:intake_new", args=[service.pk]), form, follow=True)
    intake = Intake.objects.get()
    assert first["Location"] == reverse("frontoffice:intake", args=[intake.pk])
    assert "уже зарегистрированы" in second.content.decode() and not StagedFile.objects.exists()


def test_the_hourly_task_purges_everyones_abandoned_files_only(operator):
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from frontoffice.tasks import purge_staged_files

    other = front_office_operator("other")
    for owner, age in ((operator, 2), (other, 3), (other, 0)):
        kept = StagedFile(operator=owner, original_name="a.pdf", size=1, created_at=timezone.now() - timedelta(
            days=age))
        kept.file.save("a.pdf", SimpleUploadedFile("a.pdf", PDF_BYTES), save=True)
    assert purge_staged_files.delay().get() == 2
    assert list(StagedFile.objects.values_list("operator", flat=True)) == [other.pk]
    assert settings.CELERY_BEAT_SCHEDULE["purge-front-office-staged-files"]["task"] == purge_staged_files.name
