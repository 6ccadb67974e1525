"""Two operators registering at the same moment get two cases with distinct numbers (PostgreSQL row locks)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.tests.factories import LegalApplicantFactory
from addresses.tests.factories import AddressFactory
from applications.models import Application, Status
from applications.tests.factories import PDF_BYTES
from frontoffice import services
from frontoffice.models import Intake
from frontoffice.tests.factories import ServiceFactory, front_office_operator
from portal.tests.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


def test_parallel_registrations_get_distinct_gapless_numbers():
    import importlib

    from django.apps import apps

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)
    service, organisation, address = ServiceFactory(), LegalApplicantFactory(username="org"), AddressFactory()
    operators = [front_office_operator(f"op{i}") for i in range(4)]

    def register(operator):
        data = {"representative_name": operator.username, "representative_passport": "654321", "address": address,
                "address_detail": "", "comment": "", "geometry": {"type": "Point", "coordinates": [36.5, 50.5]}}
        files = [(SimpleUploadedFile("a.pdf", PDF_BYTES), "Заявление")]
        return services.intake_register(operator=operator, service=service, applicant=organisation, data=data,
                                        files=files)

    results = run_together([lambda o=o: register(o) for o in operators])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Application.objects.values_list("number", flat=True))
    assert [int(number[-6:]) for number in numbers] == [1, 2, 3, 4]
    assert Intake.objects.count() == 4 and not Application.objects.exclude(status=Status.SUBMITTED).exists()
