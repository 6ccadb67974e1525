"""Issue 15 «Privacy»: the representative's passport is seen only by the front office of the service's city
and the case's executor; suggestions show masked numbers; every lookup and every view of an intake is in
the audit the security officer searches. Every view showing an object answers others with 404."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import EntrepreneurFactory, LegalApplicantFactory, StaffFactory
from addresses.tests.factories import AddressFactory
from applications.tests.factories import PDF_BYTES, submitted
from frontoffice import services
from frontoffice.tests.factories import ServiceFactory, front_office_operator
from portal.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


def _intake(service, organisation, operator, passport="123456", name="Кузнецов Олег Игоревич"):
    data = {"representative_name": name, "representative_passport": passport, "address": AddressFactory(),
            "address_detail": "", "comment": "", "geometry": {"type": "Point", "coordinates": [36.5, 50.5]}}
    files = [(SimpleUploadedFile("a.pdf", PDF_BYTES), "Заявление", None)]
    return services.intake_register(operator=operator, service=service, applicant=organisation, data=data,
                                    files=files)[0]


@pytest.fixture
def world(db):
    """An operator and a service in Белгород with an intake; an operator and a service in Курск."""
    operator = front_office_operator()
    service = ServiceFactory(operators=[operator])
    organisation = LegalApplicantFactory(username="romashka")
    intake = _intake(service, organisation, operator)
    kursk = BranchFactory(city="Курск")
    far_operator = front_office_operator("far", branch=kursk)
    far_service = ServiceFactory(branch=kursk, executor=StaffFactory(username="kursk-executor"),
                                 operators=[far_operator], name="Услуга в Курске")
    return {"operator": operator, "service": service, "organisation": organisation, "intake": intake,
            "far_operator": far_operator, "far_service": far_service}


def _detail(intake):
    return reverse("frontoffice:intake", args=[intake.pk])


@pytest.mark.parametrize("who", ["same_city_staff", "organisation", "far_operator", "far_executor"])
def test_only_the_city_front_office_and_the_executor_see_the_intake(client, world, who):
    intake = world["intake"]
    others = {
        "same_city_staff": lambda: _on_branch(StaffFactory(username="colleague"), world["service"].branch),
        "organisation": lambda: world["organisation"],
        "far_operator": lambda: world["far_operator"],
        "far_executor": lambda: world["far_service"].executor,
    }
    client.force_login(others[who]())
    response = client.get(_detail(intake))
    assert response.status_code == 404
    assert "123456" not in response.content.decode()


def _on_branch(user, branch):
    branch.staff.add(user)
    return user


def test_the_executor_and_the_city_operator_see_the_passport_and_each_view_is_audited(client, world):
    intake = world["intake"]
    for viewer in (world["service"].executor, world["operator"]):
        client.force_login(viewer)
        page = client.get(_detail(intake)).content.decode()
        assert "паспорт 123456" in page and intake.application.number in page
    views = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__what="intake")
    assert sorted(views.values_list("actor__username", flat=True)) == ["executor", "operator"]
    assert {row.additional_data["subject"] for row in views} == {world["organisation"].pk}


def test_the_applicant_sees_their_application_but_not_the_representative(client, world):
    client.force_login(world["organisation"])
    page = client.get(reverse("applications:detail", args=[world["intake"].application.pk])).content.decode()
    assert world["intake"].application.number in page
    assert "123456" not in page and "Кузнецов" not in page


def test_an_operator_of_another_city_gets_404_on_the_service_and_does_not_see_it(client, world):
    client.force_login(world["far_operator"])
    assert client.get(reverse("frontoffice:intake_new", args=[world["service"].pk])).status_code == 404
    catalogue = client.get(reverse("frontoffice:catalogue")).content.decode()
    assert "Услуга в Курске" in catalogue and world["service"].name not in catalogue
    assert client.get(reverse("frontoffice:intake_new", args=[world["far_service"].pk])).status_code == 200


def test_passport_suggestions_are_masked_and_of_the_operators_city_only(client, world):
    _intake(world["far_service"], world["organisation"], world["far_operator"], passport="123999",
            name="Дальний Пётр")
    client.force_login(world["operator"])
    found = client.get(reverse("frontoffice:suggest_passports"), {"q": "123"}).json()["results"]
    assert found == [{"name": "Кузнецов Олег Игоревич", "passport": "123***"}]
    by_name = client.get(reverse("frontoffice:suggest_names"), {"q": "Дальн"}).json()["results"]
    assert by_name == []


def test_a_sole_proprietors_inn_is_masked_in_suggestions(client, world):
    person = EntrepreneurFactory(username="ip")
    client.force_login(world["operator"])
    inn = person.profile.inn
    found = client.get(reverse("frontoffice:suggest_organisations"), {"q": inn[:6]}).json()["results"]
    assert len(found) == 1 and found[0]["inn"] != inn and found[0]["inn"].startswith(inn[:4])
    assert "ogrn" not in found[0] and inn not in str(found)


def test_the_security_officer_sees_the_lookups(client, world):
    client.force_login(world["operator"])
    client.get(reverse("frontoffice:suggest_passports"), {"q": "123"})
    officer = StaffFactory(username="officer")
    officer.groups.add(Group.objects.get(name="Security officers"))
    client.force_login(officer)
    page = client.get(reverse("audit:log"), {"actor": "operator", "kind": "access"}).content.decode()
    assert "подсказки представителей по номеру паспорта" in page and "введено «123», ответов: 1" in page


def test_the_admin_shows_intakes_only_to_their_viewers_and_audits_the_opening(admin_client, client, world):
    intake = world["intake"]
    url = reverse("admin:frontoffice_intake_change", args=[intake.pk])
    assert admin_client.get(url).status_code == 200
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__what="admin_view").exists()
    colleague = _on_branch(StaffFactory(username="colleague"), world["service"].branch)
    colleague.user_permissions.add(*__import__("django.contrib.auth.models", fromlist=["Permission"])
                                   .Permission.objects.filter(codename="view_intake"))
    client.force_login(colleague)
    assert client.get(url).status_code in (302, 404)


def test_the_executor_dashboard_lists_the_intakes_given_to_them(client, world):
    client.force_login(world["service"].executor)
    page = client.get(reverse("staff_dashboard")).content.decode()
    assert "Документы, принятые фронт-офисом для вас" in page and _detail(world["intake"]) in page
    client.force_login(world["far_service"].executor)  # no case given to them: no panel
    response = client.get(reverse("staff_dashboard"))
    page = response.content.decode()
    assert response.status_code == 200 and "Документы, принятые фронт-офисом для вас" not in page
    assert _detail(world["intake"]) not in page


def test_the_visit_registry_shows_online_cases_without_the_link_and_only_the_city(client, world):
    online = submitted(applicant=world["organisation"], branch=world["service"].branch)
    far = _intake(world["far_service"], world["organisation"], world["far_operator"])
    client.force_login(world["operator"])
    page = client.get(_detail(world["intake"])).content.decode()
    assert online.number in page and "через портал" in page
    assert far.application.number not in page and _detail(far) not in page


def _with_power_of_attorney(world):
    """An intake whose files are a power of attorney (the representative's passport data) and a site plan."""
    service = world["service"]
    power, plan = service.documents.order_by("order")
    data = {"representative_name": "Кузнецов Олег Игоревич", "representative_passport": "654321",
            "address": AddressFactory(), "address_detail": "", "comment": "",
            "geometry": {"type": "Point", "coordinates": [36.5, 50.5]}}
    files = [(SimpleUploadedFile("доверенность-кузнецов.pdf", PDF_BYTES), "Доверенность", power),
             (SimpleUploadedFile("plan.pdf", PDF_BYTES), "План", plan)]
    return services.intake_register(operator=world["operator"], service=service, applicant=world["organisation"],
                                    data=data, files=files)[0]


def test_a_power_of_attorney_stays_with_the_intake_not_among_the_case_documents(client, world):
    intake = _with_power_of_attorney(world)
    application = intake.application
    assert list(application.documents.values_list("original_name", flat=True)) == ["plan.pdf"]
    assert not application.events.filter(comment__icontains="доверенность").exists()
    client.force_login(world["organisation"])
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "доверенность" not in page.lower()
    archive = b"".join(client.get(reverse("applications:documents_zip", args=[application.pk])).streaming_content)
    assert "доверенность".encode() not in archive and b"plan.pdf" in archive


def test_the_power_of_attorney_downloads_only_for_the_intakes_viewers(client, world):
    intake = _with_power_of_attorney(world)
    kept = intake.attachments.exclude(file="").get()
    url = reverse("frontoffice:attachment", args=[intake.pk, kept.pk])
    for viewer in (world["operator"], world["service"].executor):
        client.force_login(viewer)
        assert url in client.get(_detail(intake)).content.decode()
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    colleague = _on_branch(StaffFactory(username="colleague"), world["service"].branch)
    for other in (world["organisation"], world["far_operator"], colleague):
        client.force_login(other)
        assert client.get(url).status_code == 404
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__what="intake_file").count() == 2


def test_the_case_in_the_admin_links_the_intake_only_for_its_viewers(client, world):
    intake = world["intake"]
    url = reverse("admin:applications_application_change", args=[intake.application.pk])
    client.force_login(world["service"].executor)
    assert _detail(intake) in client.get(url).content.decode()
    colleague = _on_branch(StaffFactory(username="colleague"), world["service"].branch)
    client.force_login(colleague)
    page = client.get(url)
    assert page.status_code == 200 and _detail(intake) not in page.content.decode()


def test_a_file_described_as_a_power_of_attorney_stays_with_the_intake_whatever_its_kind(world):
    data = {"representative_name": "Кузнецов Олег Игоревич", "representative_passport": "654321",
            "address": AddressFactory(), "address_detail": "", "comment": "",
            "geometry": {"type": "Point", "coordinates": [36.5, 50.5]}}
    files = [(SimpleUploadedFile("scan1.pdf", PDF_BYTES), "Копия паспорта представителя", None),
             (SimpleUploadedFile("scan2.pdf", PDF_BYTES + b"\n% 2\n"), "Заявление", None)]
    intake = services.intake_register(operator=world["operator"], service=world["service"],
                                      applicant=world["organisation"], data=data, files=files)[0]
    assert list(intake.application.documents.values_list("original_name", flat=True)) == ["scan2.pdf"]
    assert intake.attachments.exclude(file="").get().original_name == "scan1.pdf"
