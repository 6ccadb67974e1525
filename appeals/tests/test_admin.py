import pytest
from django.urls import reverse

from appeals.models import AppealNote, Status
from appeals.tests.factories import ReplyTemplateFactory, TopicFactory, pdf_upload, registered
from notifications.models import Notification
from portal.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch(staff):
    branch = BranchFactory()
    branch.staff.add(staff)
    return branch


def transition_url(appeal, action):
    return reverse("admin:appeals_appeal_transition", args=[appeal.pk, action])


def test_staff_take_into_work_and_answer_through_the_admin(client, applicant, staff, branch):
    topic = TopicFactory()
    template = ReplyTemplateFactory(topic=topic)
    appeal = registered(applicant, branch=branch, topic=topic)
    client.force_login(staff)
    change_page = client.get(reverse("admin:appeals_appeal_change", args=[appeal.pk])).content.decode()
    assert transition_url(appeal, "take_into_work") in change_page
    client.post(transition_url(appeal, "take_into_work"), {"comment": ""})
    page = client.get(transition_url(appeal, "answer")).content.decode()
    assert "appeals/appeals.js" in page and template.text in page
    response = client.post(transition_url(appeal, "answer"), {"answer-text": ""})
    assert response.status_code == 200 and response.context["form"].errors["text"]
    client.post(transition_url(appeal, "answer"), {"answer-text": "Готово", "answer-files": [pdf_upload("ответ.pdf")]})
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED and appeal.files.get(role="answer").original_name == "ответ.pdf"
    assert appeal.events.filter(actor=staff).count() == 2
    assert Notification.objects.filter(template="appeal_status").count() == 3 * 2


def test_a_lost_race_in_the_admin_gets_a_clear_message(client, applicant, staff, branch):
    appeal = registered(applicant, branch=branch)
    appeal.take_into_work(actor=staff)
    client.force_login(staff)
    response = client.post(transition_url(appeal, "take_into_work"), {"comment": ""}, follow=True)
    assert list(response.context["messages"])[0].level_tag == "error"
    assert appeal.events.count() == 2


def test_staff_of_another_branch_do_not_see_the_appeal(client, applicant, staff):
    appeal = registered(applicant)
    BranchFactory(city="Курск", slug="kursk").staff.add(staff)
    client.force_login(staff)
    assert client.get(reverse("admin:appeals_appeal_change", args=[appeal.pk])).status_code == 302
    assert client.post(transition_url(appeal, "take_into_work")).status_code == 403
    assert list(client.get(reverse("admin:appeals_appeal_changelist")).context["cl"].result_list) == []


def test_the_changelist_filters_by_status_and_deadline(client, applicant, staff, branch):
    appeal = registered(applicant, branch=branch)
    client.force_login(staff)
    changelist = reverse("admin:appeals_appeal_changelist")
    assert list(client.get(changelist, {"q": appeal.number}).context["cl"].result_list) == [appeal]
    assert list(client.get(changelist, {"status__exact": "accepted"}).context["cl"].result_list) == [appeal]
    assert list(client.get(changelist, {"deadline": "overdue"}).context["cl"].result_list) == []
    assert list(client.get(changelist, {"deadline": "soon"}).context["cl"].result_list) == []


def test_staff_add_internal_notes_in_the_admin(client, applicant, staff, branch):
    appeal = registered(applicant, branch=branch)
    client.force_login(staff)
    change_url = reverse("admin:appeals_appeal_change", args=[appeal.pk])
    data = {}
    for prefix, initial in (("files", 0), ("events", 1), ("notes", 0)):
        data.update({f"{prefix}-TOTAL_FORMS": 1 if prefix == "notes" else initial,
                     f"{prefix}-INITIAL_FORMS": initial, f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    event = appeal.events.get()
    data.update({"events-0-id": event.pk, "events-0-appeal": appeal.pk, "notes-0-text": "Позвонить заявителю",
                 "notes-0-appeal": appeal.pk})
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert AppealNote.objects.get().author == staff


def test_topics_and_reply_templates_are_kept_by_staff(client, staff):
    client.force_login(staff)
    response = client.post(reverse("admin:appeals_topic_add"), {
        "name": "Тарифы", "branch": "", "is_active": "on", "order": 0,
        "reply_templates-TOTAL_FORMS": 1, "reply_templates-INITIAL_FORMS": 0,
        "reply_templates-MIN_NUM_FORMS": 0, "reply_templates-MAX_NUM_FORMS": 1000,
        "reply_templates-0-title": "Тарифы 2026", "reply_templates-0-text": "Тарифы утверждены…",
        "reply_templates-0-order": 0})
    assert response.status_code == 302
    from appeals.models import Topic

    assert Topic.objects.get(name="Тарифы").reply_templates.get().title == "Тарифы 2026"
