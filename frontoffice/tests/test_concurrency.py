"""Registration races on PostgreSQL row locks and unique indexes: two operators at the same moment get
two cases with distinct gapless numbers; the same form sent twice at the same moment (a double press of
«Зарегистрировать») makes one case."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.tests.factories import LegalApplicantFactory
from addresses.tests.factories import AddressFactory
from applications.models import Application, ApplicationEvent, Status
from applications.tests.factories import PDF_BYTES
from frontoffice import services
from frontoffice.models import Intake, IntakeAttachment
from frontoffice.tests.factories import ServiceFactory, front_office_operator
from notifications.models import Notification
from portal.tests.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


@pytest.fixture
def groups():
    import importlib

    from django.apps import apps

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)


def _register(operator, service, organisation, address, key=None):
    data = {"representative_name": operator.username, "representative_passport": "654321", "address": address,
            "address_detail": "", "comment": "", "geometry": {"type": "Point", "coordinates": [36.5, 50.5]}}
    files = [(SimpleUploadedFile("a.pdf", PDF_BYTES), "Заявление", None)]
    return services.intake_register(operator=operator, service=service, applicant=organisation, data=data,
                                    files=files, submission_key=key)


def test_parallel_registrations_get_distinct_gapless_numbers(groups):
    operators = [front_office_operator(f"op{i}") for i in range(4)]
    service, organisation, address = ServiceFactory(), LegalApplicantFactory(username="org"), AddressFactory()

    results = run_together([lambda o=o: _register(o, service, organisation, address) for o in operators])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Application.objects.values_list("number", flat=True))
    assert [int(number[-6:]) for number in numbers] == [1, 2, 3, 4]
    assert Intake.objects.count() == 4 and not Application.objects.exclude(status=Status.SUBMITTED).exists()


def test_the_same_form_sent_twice_at_once_makes_one_case(groups):
    operator = front_office_operator()
    service, organisation, address = ServiceFactory(), LegalApplicantFactory(username="org"), AddressFactory()
    key = uuid.uuid4()

    results = run_together([lambda: _register(operator, service, organisation, address, key)] * 2)
    assert not [r for r in results if isinstance(r, Exception)], results
    intake = Intake.objects.get()
    assert sorted(created for _intake, created in results) == [False, True]
    assert {found.pk for found, _created in results} == {intake.pk}
    assert Application.objects.count() == 1 and IntakeAttachment.objects.count() == 1
    assert intake.application.number.endswith("000001")  # the loser's rolled-back work took no number
    assert ApplicationEvent.objects.filter(to_status=Status.SUBMITTED).count() == 1
    assert Notification.objects.filter(template="frontoffice_case_assigned").count() == 1
