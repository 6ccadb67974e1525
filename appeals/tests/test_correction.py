"""Issue 12 §3 for appeals: the applicant's appeal is read-only in the admin; staff correct a misfiled
topic with a reason, the applicant sees old and new values in the history and is notified."""

import pytest
from django.urls import reverse

from appeals.models import Appeal, Status
from appeals.services import appeal_answer
from appeals.tests.factories import TopicFactory, registered
from notifications.models import Notification
from portal.tests.factories import BranchFactory
from portal.workflow import EditNotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch(staff):
    branch = BranchFactory()
    branch.staff.add(staff)
    return branch


def correct_url(appeal):
    return reverse("admin:appeals_appeal_correct", args=[appeal.pk])


def test_staff_correct_a_misfiled_topic_and_the_applicant_sees_it(client, applicant, staff, branch):
    wrong, right = TopicFactory(name="Тарифы"), TopicFactory(name="Подключение")
    appeal = registered(applicant, branch=branch, topic=wrong)
    client.force_login(staff)
    change_page = client.get(reverse("admin:appeals_appeal_change", args=[appeal.pk])).content.decode()
    assert correct_url(appeal) in change_page
    response = client.post(correct_url(appeal), {"topic": right.pk, "correction_reason": "Вопрос о подключении."})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.topic == right and appeal.status == Status.ACCEPTED
    event = appeal.events.get(changes__has_key="topic")
    assert event.changes == {"topic": ["Тарифы", "Подключение"]} and event.actor == staff
    assert "Тема: «Тарифы» → «Подключение»" in event.comment
    assert Notification.objects.filter(template="appeal_corrected").count() == 2  # e-mail and SMS

    client.force_login(applicant)
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert "Исправление данных" in page and "Вопрос о подключении." in page


def test_a_correction_needs_a_reason_and_an_open_appeal(client, applicant, staff, branch):
    appeal = registered(applicant, branch=branch)
    other = TopicFactory(name="Другое")
    client.force_login(staff)
    response = client.post(correct_url(appeal), {"topic": other.pk, "correction_reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["correction_reason"]
    appeal.take_into_work(actor=staff)
    appeal_answer(appeal=appeal, actor=staff, text="Ответ")
    with pytest.raises(EditNotAllowed):
        Appeal.objects.get(pk=appeal.pk).correct(actor=staff, reason="Опечатка", values={"topic": other})
    assert client.post(correct_url(appeal), {"topic": other.pk, "correction_reason": "x"}).status_code == 302
    assert Appeal.objects.get(pk=appeal.pk).topic != other


def test_the_applicants_text_cannot_be_corrected(applicant, staff, branch):
    from portal.workflow import Refused

    appeal = registered(applicant, branch=branch)
    with pytest.raises(Refused):
        appeal.correct(actor=staff, reason="Опечатка", values={"text": "Другой текст"})
