"""The application page's documents card written in Python (applications.documents_html) against the
template it replaces (applications/partials/documents.html until issue 18), rendered as the oracle."""

import re
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from applications.detail_loading import applicant_application
from applications.documents_html import documents_html
from applications.forms import DocumentUploadForm, document_slots
from applications.models import Application, ApplicationDocument
from applications.tests.factories import ApplicationFactory, submitted, with_documents

pytestmark = pytest.mark.django_db

# The former template, byte for byte.
FORMER_DOCUMENTS = (Path(__file__).parent / "former_documents.html").read_text()


def _applications(applicant):
    """A submitted application, an editable draft with files (one named to need escaping), a draft
    without any and a completed one (the utility's answer goes first)."""
    draft = with_documents(ApplicationFactory(applicant=applicant))
    ApplicationDocument.objects.filter(pk=draft.documents.first().pk).update(original_name='Акт «1» & <2>.pdf')
    completed = submitted(applicant)
    Application.objects.filter(pk=completed.pk).update(status="completed")
    ApplicationDocument.objects.create(application=completed, slot="result", original_name="Ответ.pdf", size=2_500_000,
                                       file="applications/x/y", sha256="0" * 64, uploaded_by=applicant)
    return [submitted(applicant), draft, ApplicationFactory(applicant=applicant), completed]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_documents_card_is_the_former_templates(applicant, language):
    template = engines["django"].from_string(FORMER_DOCUMENTS)
    request = RequestFactory().get("/")
    bound = DocumentUploadForm({"slot": "land_title"})
    outputs = []
    with translation.override(language):
        for application in _applications(applicant):
            application = applicant_application(applicant, application.pk, documents=True)
            slots = document_slots(application)
            for upload_form in (DocumentUploadForm(), bound):
                form = upload_form if application.is_editable else None
                expected = template.render({"application": application, "slots": slots, "upload_form": form},
                                           request)
                found = str(documents_html(request, application, slots, form))
                assert _unmasked(found) == _unmasked(expected), application.status
                outputs.append(found)
    assert any("Акт «1» &amp; &lt;2&gt;.pdf" in html for html in outputs)  # escaped, as the template did
    assert any('data-slot="result"' in html for html in outputs) and any("<select" in html for html in outputs)


def _unmasked(html):
    """The HTML with every CSRF token's value the same: each rendering masks the token anew."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value="T"', html)
