import pytest
from django.urls import reverse

from appeals.models import Appeal, AppealEvent, Status
from appeals.tests.factories import TopicFactory, answered, pdf_upload, registered
from applications.tests.factories import submitted
from portal.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


def url(name, appeal, *extra):
    return reverse(f"appeals:{name}", args=[appeal.pk, *extra])


def every_url(appeal):
    appeal_file = appeal.files.first()
    return [("get", url("detail", appeal)), ("post", url("follow_up", appeal)),
            ("get", url("file_download", appeal, appeal_file.pk))]


# --- access -----------------------------------------------------------------------------------------

def test_another_applicant_gets_404_on_every_url_and_file(client, applicant, other_applicant, staff):
    appeal = answered(applicant, staff, uploads=[pdf_upload()])
    client.force_login(other_applicant)
    for method, address in every_url(appeal):
        assert getattr(client, method)(address, {"text": "чужое"}).status_code == 404, address
    for appeal_file in appeal.files.all():
        assert client.get(url("file_download", appeal, appeal_file.pk)).status_code == 404
    assert appeal.number not in client.get(reverse("appeals:list")).content.decode()
    assert not AppealEvent.objects.filter(actor=other_applicant).exists()


def test_anonymous_visitors_are_sent_to_login(client, applicant):
    appeal = registered(applicant, uploads=[pdf_upload()])
    for method, address in every_url(appeal) + [("get", reverse("appeals:list")), ("get", reverse("appeals:new"))]:
        response = getattr(client, method)(address)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_file_of_another_appeal_is_404_even_for_its_owner_through_the_wrong_appeal(client, applicant):
    first, second = registered(applicant, uploads=[pdf_upload()]), registered(applicant)
    client.force_login(applicant)
    assert client.get(url("file_download", second, first.files.get().pk)).status_code == 404


# --- sending ------------------------------------------------------------------------------------------

def form_data(the_branch, the_topic, **changes):
    data = {"branch": the_branch.pk, "topic": the_topic.pk, "text": "Прошу сообщить срок подключения.",
            "application": ""}
    data.update(changes)
    return data


def test_an_appeal_is_registered_with_a_file_and_an_own_application(client, applicant):
    branch, topic = BranchFactory(), TopicFactory()
    application = submitted(applicant)
    client.force_login(applicant)
    response = client.post(reverse("appeals:new"), {**form_data(branch, topic, application=application.pk),
                                                    "files": [pdf_upload("скан.pdf"), pdf_upload("план.pdf")]})
    appeal = Appeal.objects.get()
    assert response.url == url("detail", appeal)
    assert (appeal.status, appeal.application, appeal.branch) == (Status.ACCEPTED, application, branch)
    assert sorted(appeal.files.values_list("original_name", flat=True)) == ["план.pdf", "скан.pdf"]
    page = client.get(response.url).content.decode()
    assert appeal.number in page and "скан.pdf" in page


@pytest.mark.parametrize("change,field", [
    ({"text": ""}, "text"), ({"text": "   "}, "text"), ({"text": "я" * 4001}, "text"),
    ({"topic": ""}, "topic"), ({"topic": "999999"}, "topic"), ({"branch": ""}, "branch"),
    ({"application": "999999"}, "application"),
])
def test_bad_input_is_explained_and_the_text_is_kept(client, applicant, change, field):
    branch, topic = BranchFactory(), TopicFactory()
    client.force_login(applicant)
    response = client.post(reverse("appeals:new"), form_data(branch, topic, **change))
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not Appeal.objects.exists()
    if "text" not in change:
        assert "Прошу сообщить срок подключения." in response.content.decode()


def test_a_link_to_someone_elses_application_is_refused(client, applicant, other_applicant):
    branch, topic = BranchFactory(), TopicFactory()
    foreign = submitted(other_applicant)
    client.force_login(applicant)
    response = client.post(reverse("appeals:new"), form_data(branch, topic, application=foreign.pk))
    assert response.context["form"].errors["application"]
    assert foreign.number not in response.content.decode() and not Appeal.objects.exists()


def test_a_topic_of_another_city_is_refused(client, applicant):
    branch = BranchFactory()
    foreign_topic = TopicFactory(branch=BranchFactory(city="Курск", slug="kursk"))
    client.force_login(applicant)
    response = client.post(reverse("appeals:new"), form_data(branch, foreign_topic))
    assert response.context["form"].errors["topic"] and not Appeal.objects.exists()


@pytest.mark.parametrize("upload", [
    lambda: pdf_upload("вирус.exe", b"MZ\x90\x00" + b"\x00" * 100),
    lambda: pdf_upload("пусто.pdf", b""),
    lambda: pdf_upload("фото.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
])
def test_a_forbidden_file_is_explained_and_nothing_is_stored(client, applicant, upload):
    branch, topic = BranchFactory(), TopicFactory()
    client.force_login(applicant)
    response = client.post(reverse("appeals:new"), {**form_data(branch, topic), "files": [pdf_upload(), upload()]})
    assert response.status_code == 200 and response.context["form"].errors["files"]
    assert response.context["files_lost"] and not Appeal.objects.exists()
    assert "Прошу сообщить срок подключения." in response.content.decode()


def test_a_too_big_file_is_refused(client, applicant, settings):
    settings.UPLOAD_MAX_FILE_MB = 1
    branch, topic = BranchFactory(), TopicFactory()
    client.force_login(applicant)
    big = pdf_upload("большой.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    response = client.post(reverse("appeals:new"), {**form_data(branch, topic), "files": [big]})
    assert "большой.pdf" in " ".join(response.context["form"].errors["files"])
    assert not Appeal.objects.exists()


# --- my appeals ---------------------------------------------------------------------------------------

def test_my_appeals_lists_newest_first_with_the_answer_icon_and_pages(client, applicant, staff):
    done = answered(applicant, staff)
    waiting = [registered(applicant) for _ in range(20)]
    client.force_login(applicant)
    response = client.get(reverse("appeals:list"))
    rows = list(response.context["page_obj"])
    assert rows[0] == waiting[-1] and len(rows) == 20
    second = client.get(reverse("appeals:list"), {"page": 2})
    assert list(second.context["page_obj"]) == [done]
    assert url("detail", done) + "#answer" in second.content.decode()


def test_the_answer_is_shown_with_its_files(client, applicant, staff):
    appeal = answered(applicant, staff)
    client.force_login(applicant)
    page = client.get(url("detail", appeal)).content.decode()
    assert "Ответ сотрудника" in page and "ответ.pdf" in page
    answer_file = appeal.files.get(role="answer")
    download = client.get(url("file_download", appeal, answer_file.pk))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert response_has_no_follow_up_form(page)


def response_has_no_follow_up_form(page):
    return 'id="follow-up"' not in page


def test_internal_notes_never_reach_the_applicant(client, applicant, staff):
    from appeals.services import note_add

    appeal = registered(applicant)
    note_add(appeal=appeal, author=staff, text="Заявитель звонил, раздражён")
    client.force_login(applicant)
    assert "раздражён" not in client.get(url("detail", appeal)).content.decode()
    assert "раздражён" not in client.get(reverse("appeals:list")).content.decode()


def test_a_follow_up_is_added_while_unanswered(client, applicant):
    appeal = registered(applicant)
    client.force_login(applicant)
    response = client.post(url("follow_up", appeal), {"text": "Уточняю адрес", "files": [pdf_upload("адрес.pdf")]})
    assert response.status_code == 302
    event = appeal.events.order_by("-pk").first()
    assert event.comment == "Уточняю адрес" and event.files.get().original_name == "адрес.pdf"


@pytest.mark.parametrize("data", [{"text": ""}, {"text": "ok", "files": [pdf_upload("пусто.pdf", b"")]}])
def test_a_bad_follow_up_is_explained(client, applicant, data):
    appeal = registered(applicant)
    client.force_login(applicant)
    response = client.post(url("follow_up", appeal), data)
    assert response.status_code == 200 and response.context["follow_up_form"].errors
    assert appeal.events.count() == 1


def test_no_follow_up_after_the_answer(client, applicant, staff):
    appeal = answered(applicant, staff)
    client.force_login(applicant)
    response = client.post(url("follow_up", appeal), {"text": "Спасибо"}, follow=True)
    assert response.status_code == 200
    assert not appeal.events.filter(comment="Спасибо").exists()
