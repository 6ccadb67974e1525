"""The reviewer's pages: only municipal reviewers get in; decisions go through the transitions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, Status
from agreements.tests.factories import accepted, draft, submitted

pytestmark = pytest.mark.django_db


def test_applicants_are_refused(client, applicant):
    agreement = submitted()
    client.force_login(applicant)
    assert client.get(reverse("agreements:staff_list")).status_code == 403
    assert client.get(reverse("agreements:staff_review", args=[agreement.pk])).status_code == 403
    assert client.post(reverse("agreements:staff_accept", args=[agreement.pk])).status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == Status.SUBMITTED


def test_utility_staff_are_refused(client, staff):
    client.force_login(staff)
    assert client.get(reverse("agreements:staff_list")).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client):
    assert client.get(reverse("agreements:staff_list")).status_code == 302


def test_a_draft_is_not_the_reviewers_business(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("agreements:staff_review", args=[draft().pk])).status_code == 404


def test_the_queue_filters_by_status_and_searches_by_inn_and_name(client, reviewer):
    waiting = submitted()
    other = submitted(org_short_name="ООО «Лютик»", org_full_name="ООО «Лютик»", inn="5001007329")
    client.force_login(reviewer)
    listed = lambda **query: list(client.get(reverse("agreements:staff_list"), query).context["page"])  # noqa: E731
    assert set(listed()) == {waiting, other}
    assert listed(q="500100") == [other]
    assert listed(q="Ромашка") == [waiting]
    assert listed(status="accepted") == []
    Agreement.objects.filter(pk=other.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    assert listed(deadline="overdue") == [other]
    assert listed(deadline="soon") == []


def test_the_reviewer_sees_requisites_and_signature_and_accepts(client, reviewer):
    agreement = submitted()
    client.force_login(reviewer)
    page = client.get(reverse("agreements:staff_review", args=[agreement.pk])).content.decode()
    assert agreement.inn in page and agreement.ogrn in page and "Устав" in page
    response = client.post(reverse("agreements:staff_accept", args=[agreement.pk]), follow=True)
    agreement.refresh_from_db()
    assert agreement.status == Status.ACCEPTED and agreement.number in response.content.decode()


def test_rejecting_without_a_reason_is_explained(client, reviewer):
    agreement = submitted()
    client.force_login(reviewer)
    response = client.post(reverse("agreements:staff_reject", args=[agreement.pk]), {"reject-reason": ""})
    assert response.status_code == 200 and response.context["reject_form"].errors
    assert "invalid-feedback" in response.content.decode()
    client.post(reverse("agreements:staff_reject", args=[agreement.pk]), {"reject-reason": "Нет КПП"})
    agreement.refresh_from_db()
    assert agreement.status == Status.REJECTED


def test_terminating_needs_a_reason(client, reviewer):
    agreement = accepted(reviewer)
    client.force_login(reviewer)
    response = client.post(reverse("agreements:staff_terminate", args=[agreement.pk]), {"terminate-reason": ""})
    assert response.context["terminate_form"].errors
    client.post(reverse("agreements:staff_terminate", args=[agreement.pk]), {"terminate-reason": "Ликвидация"})
    agreement.refresh_from_db()
    assert agreement.status == Status.TERMINATED


def test_a_second_decision_tells_the_reviewer_someone_acted_first(client, reviewer):
    agreement = accepted(reviewer)
    client.force_login(reviewer)
    response = client.post(reverse("agreements:staff_reject", args=[agreement.pk]), {"reject-reason": "x"},
                           follow=True)
    assert "alert-danger" in response.content.decode() or "alert-error" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Status.ACCEPTED


def test_the_dashboard_shows_queues_with_counts(client, reviewer):
    submitted()
    accepted(reviewer, inn="5001007329")
    client.force_login(reviewer)
    response = client.get(reverse("staff_dashboard"))
    panel = next(p for p in response.context["panels"] if p["template"] == "agreements/dashboard_panel.html")
    assert dict((status, count) for status, _, count in panel["queues"]) == {
        "submitted": 1, "accepted": 1, "rejected": 0, "terminated": 0}
    assert len(panel["waiting"]) == 1 and "agreements-panel" in response.content.decode()


def test_the_dashboard_panel_is_hidden_from_utility_staff(client, staff):
    client.force_login(staff)
    panels = client.get(reverse("staff_dashboard")).context["panels"]
    assert all(p["template"] != "agreements/dashboard_panel.html" for p in panels)


def test_the_reviewer_is_warned_that_the_contact_email_is_taken_and_cannot_accept(client, reviewer):
    from accounts.tests.factories import ApplicantFactory

    agreement = submitted()
    ApplicantFactory(username="someone", email=agreement.email)
    client.force_login(reviewer)
    page = client.get(reverse("agreements:staff_review", args=[agreement.pk])).content.decode()
    assert "уже принадлежит другой учётной записи" in page
    assert reverse("agreements:staff_accept", args=[agreement.pk]) not in page
    response = client.post(reverse("agreements:staff_accept", args=[agreement.pk]), follow=True)
    assert "уже принадлежит другой учётной записи" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Status.SUBMITTED
