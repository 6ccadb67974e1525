"""The draft says what submitting needs before it is tried, deletions ask first, and the profile
gate brings the applicant back to the draft."""

import re

import pytest
from django.urls import reverse

from accounts.models import Profile
from applications.models import Application
from applications.tests.factories import ApplicationFactory, with_documents

pytestmark = pytest.mark.django_db


def label_of(page, name):
    match = re.search(rf'<label\s+for="id_{name}"[^>]*>(.*?)</label>', page, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).split()


@pytest.mark.parametrize("name", ["phone", "object_purpose", "reason", "cadastral_number", "max_load",
                                  "object_address"])
def test_fields_needed_for_submission_are_marked_before_submitting(client, applicant, name):
    application = ApplicationFactory(applicant=applicant)
    client.force_login(applicant)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert label_of(page, name)[-1] == "*"
    assert 'id="required-note"' in page


def test_the_comment_is_not_marked(client, applicant):
    application = ApplicationFactory(applicant=applicant)
    client.force_login(applicant)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert label_of(page, "comment")[-1] != "*"


def test_deleting_a_draft_or_a_file_is_behind_a_confirmation(client, applicant):
    application = with_documents(ApplicationFactory(applicant=applicant))
    client.force_login(applicant)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    draft_form = page.index(reverse("applications:draft_delete", args=[application.pk]))
    assert page.rfind('<details class="mt-3 confirm-delete">', 0, draft_form) > page.rfind("</details>", 0, draft_form)
    document = application.documents.first()
    file_form = page.index(reverse("applications:document_delete", args=[application.pk, document.pk]))
    assert page.rfind('<details class="confirm-delete', 0, file_form) > page.rfind("</details>", 0, file_form)
    assert f"Удалить «{document.original_name}»?" in page


def test_after_the_profile_gate_saving_the_profile_returns_to_the_draft(client, applicant):
    Profile.objects.filter(user=applicant).update(snils="")
    application = with_documents(ApplicationFactory(applicant=applicant))
    client.force_login(applicant)
    gate = client.post(reverse("applications:save", args=[application.pk]),
                       {"applicant_name": application.applicant_name, "submit": "1"})
    assert gate.status_code == 302 and gate.url.startswith(reverse("accounts:profile") + "?next=")
    profile_page = client.get(gate.url).content.decode()
    assert "После сохранения профиля вы вернётесь к заявке" in profile_page
    saved = client.post(gate.url, {"last_name": "Иванов", "first_name": "Иван", "snils": "112-233-445 95"})
    assert saved.status_code == 302 and saved.url == reverse("applications:detail", args=[application.pk])
    assert Application.objects.get(pk=application.pk).status == "draft"


def test_the_profile_never_returns_to_another_site(client, applicant):
    client.force_login(applicant)
    saved = client.post(reverse("accounts:profile") + "?next=https://evil.example.com/", {"last_name": "Иванов"})
    assert saved.status_code == 302 and saved.url == reverse("accounts:profile")
