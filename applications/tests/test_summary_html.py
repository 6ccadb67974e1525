"""The application page's summary written in Python (applications.summary_html) against the template
it replaces (applications/partials/summary.html until issue 18), rendered as the oracle."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import engines
from django.utils import translation

from applications.models import Application
from applications.summary_html import summary_html
from applications.tests.factories import submitted

pytestmark = pytest.mark.django_db

# The former template, byte for byte.
FORMER_SUMMARY = (Path(__file__).parent / "former_summary.html").read_text()


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_summary_is_the_former_templates(applicant, language):
    full = submitted(applicant, applicant_name='ООО «Рога & <копыта>»', object_address="ул. Ленина, 1 <b>",
                     comment="Первая строка\nвторая & <третья>", max_load=Decimal("12.5000"),
                     planned_commissioning=datetime.date(2027, 3, 1))
    empty = submitted(applicant)
    Application.objects.filter(pk=empty.pk).update(phone="", email="", object_address="", cadastral_number="",
                                                    object_purpose="", max_load=None, planned_commissioning=None,
                                                    comment="")
    whole = submitted(applicant, max_load=Decimal("0.1234567"))
    template = engines["django"].from_string(FORMER_SUMMARY)
    with translation.override(language):
        for application in Application.objects.filter(pk__in=[full.pk, empty.pk, whole.pk]):
            assert str(summary_html(application)) == template.render({"application": application})
    assert "—" in str(summary_html(Application.objects.get(pk=empty.pk)))
