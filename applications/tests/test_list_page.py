"""The applicant's list as rendered (issue 18: rows from values(), labels and links made once a page)."""

import pytest
from django.urls import reverse
from django.utils import translation

from applications.models import Status
from applications.tests.factories import ApplicationFactory, submitted

pytestmark = pytest.mark.django_db


def test_each_row_shows_its_labels_files_and_links(client, applicant):
    application = submitted(applicant)
    draft = ApplicationFactory(applicant=applicant)
    client.force_login(applicant)
    html = client.get(reverse("applications:list")).content.decode()
    detail = reverse("applications:detail", args=[application.pk])
    assert f'<a href="{detail}">{application.number}</a>' in html
    assert f'href="{reverse("applications:detail", args=[draft.pk])}">черновик</a>' in html
    with translation.override("ru"):
        for label in (application.get_kind_display(), application.get_supply_type_display(),
                      application.get_status_display()):
            assert f">{label}<" in html
    assert f'status-badge status-{application.status}"' in html
    for document in application.documents.all():
        assert f"<div>{document.original_name}</div>" in html
    assert f'href="{reverse("applications:documents_zip", args=[application.pk])}"' in html
    assert f'data-history-url="{reverse("applications:history", args=[application.pk])}"' in html
    assert f'href="{detail}#history"' in html
    assert application.submitted_at.astimezone().strftime("%d.%m.%Y") in html
    assert reverse("applications:sign", args=[application.pk]) not in html


def test_an_application_awaiting_signature_has_the_sign_button(client, applicant, staff):
    application = submitted(applicant)
    application.take_into_review(actor=staff)
    application.request_signature(actor=staff)
    assert application.status == Status.AWAITING_SIGNATURE
    client.force_login(applicant)
    html = client.get(reverse("applications:list")).content.decode()
    assert f'href="{reverse("applications:sign", args=[application.pk])}">Подписать</a>' in html


def test_the_filter_form_keeps_each_visitors_values(client, applicant):
    client.force_login(applicant)
    first = client.get(reverse("applications:list"), {"status": "submitted"}).content.decode()
    second = client.get(reverse("applications:list"), {"status": "rejected", "date_from": "2026-01-02"})
    second = second.content.decode()
    again = client.get(reverse("applications:list"), {"status": "submitted"}).content.decode()
    assert '<option value="submitted" selected>' in first and '<option value="rejected" selected>' not in first
    assert '<option value="rejected" selected>' in second and 'value="2026-01-02"' in second
    assert '<option value="submitted" selected>' in again and 'value="2026-01-02"' not in again
    long_value = "x" * 200  # not kept in the per-process cache, still shown
    response = client.get(reverse("applications:list"), {"date_from": long_value})
    assert f'value="{long_value}"' in response.content.decode()


def test_the_kept_filter_fields_follow_the_language():
    from applications.forms import FilterForm

    with translation.override("en"):
        english = FilterForm({"kind": "tu"}).rendered_fields()
    with translation.override("ru"):
        russian = FilterForm({"kind": "tu"}).rendered_fields()
    assert [label for _, label, _ in english][:3] == ["From", "To", "Application type"]
    assert "технических условий" in str(russian[2][2]) and "Technical conditions" in str(english[2][2])
    assert '<option value="tu" selected>' in str(russian[2][2])
