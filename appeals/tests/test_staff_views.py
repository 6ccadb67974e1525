import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from appeals.models import AppealNote, Status
from appeals.tests.factories import ReplyTemplateFactory, TopicFactory, pdf_upload, registered
from portal.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch(staff):
    branch = BranchFactory()
    branch.staff.add(staff)
    return branch


def url(name, appeal, *extra):
    return reverse(f"appeals:{name}", args=[appeal.pk, *extra])


def staff_urls(appeal):
    return [("get", url("staff_work", appeal)), ("post", url("staff_take", appeal)),
            ("post", url("staff_answer", appeal)), ("post", url("staff_note", appeal)),
            ("get", url("staff_file_download", appeal, appeal.files.first().pk))]


def test_staff_take_answer_with_a_file_and_the_applicant_is_notified(client, applicant, staff, branch):
    topic = TopicFactory()
    template = ReplyTemplateFactory(topic=topic)
    appeal = registered(applicant, branch=branch, topic=topic, uploads=[pdf_upload()])
    client.force_login(staff)
    page = client.get(url("staff_work", appeal)).content.decode()
    assert appeal.text in page and "вопрос.pdf" in page
    client.post(url("staff_take", appeal), {"comment": ""})
    page = client.get(url("staff_work", appeal)).content.decode()
    assert f'data-text="{template.text}"' in page and 'data-fills="id_answer-text"' in page
    response = client.post(url("staff_answer", appeal), {"answer-template": template.pk,
                                                          "answer-text": template.text + " Дом подключат в мае.",
                                                          "answer-files": [pdf_upload("ответ.pdf")]})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED and appeal.answer.endswith("Дом подключат в мае.")
    assert appeal.files.get(role="answer").original_name == "ответ.pdf"
    assert [e.to_status for e in appeal.events.all()] == ["accepted", "processed", "answered"]


@pytest.mark.parametrize("data,field", [
    ({"answer-text": ""}, "text"), ({"answer-text": "   "}, "text"),
    ({"answer-text": "ok", "answer-files": [pdf_upload("x.exe", b"MZ" + b"\x00" * 50)]}, "files"),
    ({"answer-text": "ok", "answer-template": "999999"}, "template"),
])
def test_an_empty_answer_or_a_bad_file_is_explained(client, applicant, staff, branch, data, field):
    appeal = registered(applicant, branch=branch)
    appeal.take_into_work(actor=staff)
    client.force_login(staff)
    response = client.post(url("staff_answer", appeal), data)
    assert response.status_code == 200 and response.context["answer_form"].errors[field]
    appeal.refresh_from_db()
    assert appeal.status == Status.PROCESSED and not appeal.files.exists()


def test_a_template_of_another_topic_cannot_be_used(client, applicant, staff, branch):
    appeal = registered(applicant, branch=branch)
    appeal.take_into_work(actor=staff)
    other = ReplyTemplateFactory()
    client.force_login(staff)
    response = client.post(url("staff_answer", appeal), {"answer-template": other.pk, "answer-text": "ok"})
    assert response.context["answer_form"].errors["template"]


def test_a_lost_race_gets_a_clear_message(client, applicant, staff, branch):
    appeal = registered(applicant, branch=branch)
    appeal.take_into_work(actor=StaffFactory(username="quicker"))
    client.force_login(staff)
    response = client.post(url("staff_take", appeal), follow=True)
    assert response.status_code == 200 and list(response.context["messages"])[0].level_tag == "error"
    assert appeal.events.count() == 2


def test_internal_notes_are_saved_and_an_empty_one_is_refused(client, applicant, staff, branch):
    appeal = registered(applicant, branch=branch)
    client.force_login(staff)
    response = client.post(url("staff_note", appeal), {"note-text": " "})
    assert response.status_code == 200 and response.context["note_form"].errors["text"]
    client.post(url("staff_note", appeal), {"note-text": "Уточнить у ПТО"})
    assert AppealNote.objects.get().author == staff
    assert "Уточнить у ПТО" in client.get(url("staff_work", appeal)).content.decode()


def test_staff_of_another_branch_get_404_and_managers_see_it(client, applicant, staff):
    appeal = registered(applicant, uploads=[pdf_upload()])
    BranchFactory(city="Курск", slug="kursk").staff.add(staff)
    client.force_login(staff)
    for method, address in staff_urls(appeal):
        assert getattr(client, method)(address).status_code == 404, address
    staff.user_permissions.add(Permission.objects.get(codename="view_all_branches", content_type__app_label="appeals"))
    manager = type(staff).objects.get(pk=staff.pk)  # permissions are cached on the user object
    client.force_login(manager)
    assert client.get(url("staff_work", appeal)).status_code == 200


def test_applicants_cannot_use_the_staff_pages(client, applicant, other_applicant):
    appeal = registered(applicant, uploads=[pdf_upload()])
    for user in (applicant, other_applicant):
        client.force_login(user)
        for method, address in staff_urls(appeal):
            assert getattr(client, method)(address).status_code == 403, address
    assert appeal.events.count() == 1
