"""Garbled, hostile or half-sent intake forms: a Russian reason on the form, nothing registered, no 500."""

import json

import pytest

from accounts.tests.factories import LegalApplicantFactory, StaffFactory
from frontoffice.models import Intake, StagedFile
from frontoffice.tests.factories import ServiceFactory, front_office_operator
from frontoffice.tests.test_intake import _post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    operator = front_office_operator()
    client.force_login(operator)
    return {"operator": operator, "service": ServiceFactory(), "organisation": LegalApplicantFactory()}


GARBLED = {
    "no key": {"submission_key": ""},
    "bad key": {"submission_key": "not-a-uuid"},
    "staff as applicant": {"applicant": "staff"},
    "non-numeric applicant": {"applicant": "1 OR 1=1"},
    "no address": {"address": "999999"},
    "huge name": {"representative_name": "Я" * 100_000},
    "letters in passport": {"representative_passport": "12345a"},
    "nul byte": {"representative_name": "Кузнецов\x00"},
    "empty polygon": {"geometry": '{"type": "Polygon", "coordinates": []}'},
    "ring as dict": {"geometry": '{"type": "Polygon", "coordinates": {"a": 1}}'},
    "deep json": {"geometry": "[" * 5000 + "]" * 5000},
    "bowtie": {"geometry": json.dumps({"type": "Polygon", "coordinates": [[[36.0, 50.0], [36.1, 50.1], [36.1, 50.0],
                                                                           [36.0, 50.1], [36.0, 50.0]]]})},
    "garbage kinds": {"kinds": ["x", "-1", "🙂"]},
    "no descriptions (no JS)": {"descriptions": []},
    "foreign staged token": {"staged": ["00000000-0000-0000-0000-000000000000", "zzz"]},
}


@pytest.mark.parametrize("name", GARBLED)
def test_a_garbled_form_is_refused_with_a_reason_and_registers_nothing(client, world, name):
    changes = dict(GARBLED[name])
    if changes.get("applicant") == "staff":
        changes["applicant"] = StaffFactory(username="someone").pk
    response = _post(client, world["service"], world["organisation"], **changes)
    if name in ("garbage kinds", "foreign staged token"):
        # harmless noise: ignored, and the form still asks which document each file is / registers
        assert response.status_code in (200, 302)
        return
    assert response.status_code == 200, name
    assert not Intake.objects.exists()
    page = response.content.decode()
    assert "is-invalid" in page or "alert-danger" in page or "invalid-feedback" in page


def test_files_of_a_refused_form_come_back_for_the_operator(client, world):
    response = _post(client, world["service"], world["organisation"], geometry="")
    assert response.status_code == 200 and StagedFile.objects.count() == 2
    page = response.content.decode()
    assert all(str(staged.token) in page for staged in StagedFile.objects.all())


def test_the_same_file_attached_twice_is_pointed_out_and_kept(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from applications.tests.factories import PDF_BYTES

    twice = [SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf") for name in ("a.pdf", "копия.pdf")]
    response = _post(client, world["service"], world["organisation"], files=twice)
    assert response.status_code == 200 and not Intake.objects.exists()
    page = response.content.decode()
    assert "Этот же файл уже приложен выше: уберите повтор." in page and StagedFile.objects.count() == 2
