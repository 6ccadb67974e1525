"""The front office registers a representative's documents as an application (seed 004 §3)."""

import json
import uuid

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import sample_numbers
from accounts.tests.factories import ApplicantFactory, LegalApplicantFactory, StaffFactory
from addresses.tests.factories import AddressFactory
from applications.models import Application, Status
from frontoffice.models import Intake, StagedFile
from frontoffice.tests.factories import (
    POWER_OF_ATTORNEY,
    SITE_PLAN,
    ServiceFactory,
    distinct_pdf,
    front_office_operator,
)
from notifications.models import Notification

pytestmark = pytest.mark.django_db
POLYGON = {"type": "Polygon", "coordinates": [[[36.58, 50.59], [36.59, 50.59], [36.59, 50.6], [36.58, 50.59]]]}



def _kinds(service):
    return [str(pk) for pk in service.documents.order_by("order").values_list("pk", flat=True)]


def _post(client, service, organisation, **changes):
    """The form as the browser sends it: two described files, each marked as one of the service's documents."""
    data = {"applicant": organisation.pk if organisation else "", "applicant_query": "ООО",
            "representative_name": "Кузнецов Олег Игоревич", "representative_passport": "123456",
            "address": AddressFactory().pk, "address_query": "Садовая", "address_detail": "у северной проходной",
            "comment": "", "geometry": json.dumps(POLYGON), "submission_key": str(uuid.uuid4()),
            "files": [distinct_pdf("Доверенность.pdf"), distinct_pdf("План.pdf")],
            "descriptions": ["Доверенность", "План участка"],
            "kinds": _kinds(service)}
    data.update(changes)
    return client.post(reverse("frontoffice:intake_new", args=[service.pk]), data)


def test_registering_makes_a_submitted_application_with_the_described_files(client, operator):
    service, organisation = ServiceFactory(), LegalApplicantFactory(username="romashka")
    response = _post(client, service, organisation)
    intake = Intake.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("frontoffice:intake", args=[intake.pk])
    application = intake.application
    assert application.applicant == organisation and application.status == Status.SUBMITTED and application.number
    assert (application.kind, application.supply_type, application.branch) == ("tu", "cold_water", service.branch)
    assert "у северной проходной" in application.object_address and application.answer_due_date
    assert [(a.description, a.document_kind.name) for a in intake.attachments.order_by("pk")] == [
        ("Доверенность", POWER_OF_ATTORNEY), ("План участка", SITE_PLAN)]
    assert intake.executor == service.executor and not StagedFile.objects.exists()
    # the power of attorney (the representative's passport data) stays with the intake
    assert list(application.documents.values_list("original_name", flat=True)) == [
        intake.attachments.get(file="").stored.original_name]
    assert application.events.filter(to_status=Status.SUBMITTED, actor=operator).exists()
    assert Notification.objects.filter(recipient=organisation.email).exists()
    assigned = Notification.objects.get(template="frontoffice_case_assigned")
    assert assigned.recipient == service.executor.email and application.number in assigned.subject
    assert intake.operator == operator and intake.geometry == POLYGON
    detail = client.get(response["Location"])
    assert "no-store" in detail["Cache-Control"]  # the representative's passport is on it
    page = detail.content.decode()
    assert application.number in page and "Кузнецов Олег Игоревич" in page and "Просмотреть" in page


def test_nothing_is_registered_while_something_is_missing_and_typed_values_stay(client, operator):
    response = _post(client, ServiceFactory(), None, applicant_query="Неизвестная", geometry="", address="",
                     files=[distinct_pdf("a.pdf")], descriptions=[""], representative_passport="45 10 123456")
    text = response.content.decode()
    assert response.status_code == 200 and not Application.objects.exists() and not Intake.objects.exists()
    for reason in ("Выберите заявителя из подсказок", "Отметьте место на карте", "Выберите адрес из подсказок",
                   "Опишите каждый прикреплённый документ", "6 цифр номера паспорта"):
        assert reason in text, reason
    assert 'value="Кузнецов Олег Игоревич"' in text and "у северной проходной" in text


def test_no_files_is_refused(client, operator):
    response = _post(client, ServiceFactory(), LegalApplicantFactory(), files=[], descriptions=[])
    assert "Прикрепите документы" in response.content.decode() and not Intake.objects.exists()


def test_a_new_organisation_needs_a_valid_inn(client, operator):
    service = ServiceFactory()
    bad = _post(client, service, None, new_name="ООО «Новая»", new_inn="7707083890")
    assert "контрольная цифра" in bad.content.decode().lower() and not Intake.objects.exists()
    _post(client, service, None, new_name="ООО «Новая»", new_inn=sample_numbers.inn_legal("770100001"))
    assert Intake.objects.get().applicant.profile.org_short_name == "ООО «Новая»"


def test_a_refused_file_rolls_everything_back(client, operator):
    response = _post(client, ServiceFactory(), LegalApplicantFactory(),
                     files=[SimpleUploadedFile("virus.exe", b"MZ\x90\x00binary")], descriptions=["Программа"])
    assert response.status_code == 200 and not Application.objects.exists() and not Intake.objects.exists()


def test_suggestions_find_organisations_mask_passports_and_are_audited(client, operator):
    service, organisation = ServiceFactory(), LegalApplicantFactory(username="romashka")
    _post(client, service, organisation)
    found = client.get(reverse("frontoffice:suggest_organisations"), {"q": organisation.profile.inn[:5]}).json()
    assert [item["id"] for item in found["results"]] == [organisation.pk]
    passports = client.get(reverse("frontoffice:suggest_passports"), {"q": "123"}).json()["results"]
    assert passports == [{"name": "Кузнецов Олег Игоревич", "passport": "123***"}]
    assert "123456" not in json.dumps(client.get(reverse("frontoffice:suggest_names"), {"q": "Кузн"}).json())
    client.get(reverse("frontoffice:suggest_passports"), {"q": "12"})
    lookups = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__what__startswith="lookup_")
    assert [(row.additional_data["what"], row.additional_data["query"], row.actor_id)
            for row in lookups.order_by("pk")] == [
        ("lookup_organisation", organisation.profile.inn[:5], operator.pk), ("lookup_passport", "123", operator.pk),
        ("lookup_name", "Кузн", operator.pk)]
    first = lookups.order_by("pk").first()
    assert first.additional_data["found"] == [organisation.pk]
    assert first.additional_data["subject"] == organisation.pk


def test_the_visit_registry_lists_earlier_cases(client, operator):
    service, organisation = ServiceFactory(), LegalApplicantFactory(username="romashka")
    _post(client, service, organisation)
    _post(client, service, organisation, representative_name="Орлова Мария")
    first, second = Intake.objects.order_by("pk")
    page = client.get(reverse("frontoffice:intake", args=[second.pk])).content.decode()
    assert first.application.number in page and "Кузнецов Олег Игоревич" in page
    assert reverse("frontoffice:intake", args=[first.pk]) in page


@pytest.mark.parametrize("who", ["applicant", "staff", "anonymous"])
def test_others_get_404_or_the_login(client, who):
    intake_pk = 1
    if who == "applicant":
        client.force_login(ApplicantFactory(username="someone"))
    elif who == "staff":
        client.force_login(StaffFactory(username="utility"))
    service = ServiceFactory()
    urls = [reverse("frontoffice:catalogue"), reverse("frontoffice:intake_new", args=[service.pk]),
            reverse("frontoffice:intake", args=[intake_pk]), reverse("frontoffice:suggest_passports") + "?q=123"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == (302 if who == "anonymous" else 404), url
    assert not LogEntry.objects.filter(additional_data__what__startswith="lookup_").exists()


def test_the_front_office_dashboard_leads_to_the_services(client, operator):
    ServiceFactory()
    page = client.get(reverse("staff_dashboard")).content.decode()
    assert reverse("frontoffice:catalogue") in page and "Для вашей роли пока нет очередей" not in page
    catalogue = client.get(reverse("frontoffice:catalogue")).content.decode()
    assert "Приём документов" in catalogue and "Выдача технических условий" in catalogue


def test_demo_services_cover_every_kind_and_supply_type(db):
    import io

    from appeals.tests.factories import TopicFactory
    from frontoffice.demo import load_demo_services
    from frontoffice.models import Service
    from portal.tests.factories import BranchFactory

    branch = BranchFactory()
    TopicFactory()
    staff, operator = StaffFactory(username="staff"), front_office_operator("frontoffice")
    branch.staff.add(staff)
    load_demo_services({"staff": staff, "frontoffice": operator}, io.StringIO())
    load_demo_services({}, io.StringIO())  # idempotent
    assert Service.objects.count() == 9 and Service.objects.filter(executor__username="staff").count() == 9
    assert Service.objects.filter(case_type="appeal").count() == 1
    assert branch.staff.filter(pk=operator.pk).exists()  # the demo operator receives for the demo city
    for service in Service.objects.all():
        service.full_clean()
        assert service.documents.filter(is_required=True).exists() and service.required_fields


def test_the_case_executor_sees_the_intake_and_staff_of_another_city_gets_404(client, operator):
    service, organisation = ServiceFactory(), LegalApplicantFactory(username="romashka")
    _post(client, service, organisation)
    intake = Intake.objects.get()
    executor, stranger = service.executor, StaffFactory(username="elsewhere")
    client.force_login(executor)
    page = client.get(reverse("frontoffice:intake", args=[intake.pk])).content.decode()
    assert "паспорт 123456" in page and intake.application.number in page
    assert client.get(reverse("frontoffice:catalogue")).status_code == 404
    client.force_login(stranger)
    assert client.get(reverse("frontoffice:intake", args=[intake.pk])).status_code == 404


def test_an_appeal_service_registers_an_appeal_with_the_described_files(client, operator):
    from appeals.models import Appeal
    from appeals.tests.factories import TopicFactory
    from frontoffice.models import CaseType

    service = ServiceFactory(case_type=CaseType.APPEAL, kind="", supply_type="", appeal_topic=TopicFactory(),
                             name="Обращение по вопросам водоснабжения")
    organisation = LegalApplicantFactory(username="romashka")
    _post(client, service, organisation, comment="Просим разъяснить порядок подключения")
    intake = Intake.objects.get()
    appeal = Appeal.objects.get()
    assert intake.appeal == appeal and intake.application is None and appeal.applicant == organisation
    assert appeal.number and "Просим разъяснить" in appeal.text and appeal.topic == service.appeal_topic
    assert sorted(a.description for a in intake.attachments.all()) == ["Доверенность", "План участка"]
    assert appeal.files.count() == 1 and not Application.objects.exists()  # the power of attorney: intake only
    page = client.get(reverse("frontoffice:intake", args=[intake.pk])).content.decode()
    assert appeal.number in page and "Доверенность.pdf" in page


def test_a_service_needs_what_its_case_type_needs():
    from django.core.exceptions import ValidationError

    from frontoffice.models import CaseType

    with pytest.raises(ValidationError):
        ServiceFactory.build(case_type=CaseType.APPEAL, appeal_topic=None).clean()
    with pytest.raises(ValidationError):
        ServiceFactory.build(kind="").clean()


def test_documents_for_a_citizen_found_by_name_or_new_by_snils(client, operator):
    """Seed 004: the documents are for an organisation «or person»: a citizen is suggested by name or whole
    SNILS (shown masked), or added with a checked SNILS."""
    from accounts.tests.factories import ApplicantFactory

    service = ServiceFactory()
    citizen = ApplicantFactory(username="ivanov", full_name="Иванов Иван Иванович")
    citizen.profile.snils = sample_numbers.snils()
    citizen.profile.save()
    by_name = client.get(reverse("frontoffice:suggest_organisations"), {"q": "Иванов"}).json()["results"]
    assert by_name == [{"id": citizen.pk, "name": "Иванов Иван Иванович", "kind": "person",
                        "snils": "***-***-*** " + citizen.profile.snils[-2:], "inn": "", "address": ""}]
    by_prefix = client.get(reverse("frontoffice:suggest_organisations"), {"q": citizen.profile.snils[:5]})
    assert by_prefix.json()["results"] == []  # a person's number is found whole, never by its beginning
    whole = client.get(reverse("frontoffice:suggest_organisations"), {"q": citizen.profile.snils}).json()
    assert [item["id"] for item in whole["results"]] == [citizen.pk]

    _post(client, service, citizen)
    assert Intake.objects.get().applicant == citizen
    bad = _post(client, service, None, new_name="Петров Пётр Петрович", new_snils="112-233-445 00")
    assert "контрольное число СНИЛС" in bad.content.decode() and Intake.objects.count() == 1
    _post(client, service, None, new_name="Петров Пётр Петрович", new_snils=sample_numbers.snils("112233446"))
    newcomer = Intake.objects.order_by("pk").last().applicant
    assert newcomer.applicant_type == "individual" and newcomer.full_name == "Петров Пётр Петрович"
    assert newcomer.profile.snils == sample_numbers.snils("112233446") and not newcomer.has_usable_password()
