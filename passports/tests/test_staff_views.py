"""The reviewer's pages: only municipal reviewers get in; decisions go through the transitions; the
dashboard panel counts the queue and its deadlines."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from passports import services
from passports.choices import Status
from passports.models import Passport
from passports.tests import factories
from portal.tests.queries import query_counts

pytestmark = pytest.mark.django_db
STAFF_GETS = ["passports:staff_review", "passports:staff_content"]
STAFF_POSTS = ["passports:staff_accept", "passports:staff_return"]


def test_non_reviewers_are_refused(client, org, applicant, staff):
    passport = factories.sent(org)
    for user in (applicant, staff, org):
        client.force_login(user)
        assert client.get(reverse("passports:staff_list")).status_code == 403
        for name in STAFF_GETS:
            assert client.get(reverse(name, args=[passport.pk])).status_code == 403, name
        for name in STAFF_POSTS:
            assert client.post(reverse(name, args=[passport.pk]), {"remarks": "x"}).status_code == 403, name
    assert Passport.objects.get(pk=passport.pk).status == Status.SENT


def test_anonymous_visitors_are_sent_to_login(client, org):
    passport = factories.sent(org)
    assert client.get(reverse("passports:staff_list")).status_code == 302
    assert client.post(reverse("passports:staff_accept", args=[passport.pk])).status_code == 302


def test_a_passport_never_sent_is_not_the_reviewers_business(client, org, reviewer):
    client.force_login(reviewer)
    passport = factories.signed(org)
    assert client.get(reverse("passports:staff_review", args=[passport.pk])).status_code == 404


def test_the_queue_filters_by_status_and_deadline_and_searches(client, org, other_org, reviewer):
    mine, theirs = factories.sent(org), factories.sent(other_org)
    client.force_login(reviewer)
    listed = lambda **query: list(client.get(reverse("passports:staff_list"), query).context["page"])  # noqa: E731
    assert set(listed()) == {mine, theirs}
    assert listed(q="Лютик") == [theirs]
    assert listed(q=mine.manager_inn[:6]) == [mine]
    assert listed(q=f"Садовая {theirs.address.house}") == [theirs]
    assert listed(q=mine.number) == [mine]
    assert listed(status="accepted") == []
    Passport.objects.filter(pk=theirs.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    assert listed(deadline="overdue") == [theirs]
    Passport.objects.filter(pk=mine.pk).update(due_date=timezone.localdate())
    assert listed(deadline="soon") == [mine]


def test_the_review_page_shows_sections_signature_and_the_passport_in_force(client, org, reviewer):
    first = factories.accepted_passport(org, reviewer)
    second = factories.sent(org, first.address)
    client.force_login(reviewer)
    page = client.get(reverse("passports:staff_review", args=[second.pk])).content.decode()
    assert "8120,50" in page and "Панельный" in page and "Исправное" in page
    assert reverse("passports:staff_review", args=[first.pk]) in page and second.content_sha256 in page
    assert client.get(reverse("passports:staff_content", args=[second.pk])).content == second.content_bytes


def test_the_reviewer_accepts(client, org, reviewer):
    passport = factories.sent(org)
    client.force_login(reviewer)
    response = client.post(reverse("passports:staff_accept", args=[passport.pk]), follow=True)
    passport.refresh_from_db()
    assert passport.status == Status.ACCEPTED and "принят; организация уведомлена" in response.content.decode()
    assert passport.events.last().actor == reviewer
    assert Notification.objects.filter(template="passport_status", subject__contains="Принят").exists()


def test_returning_needs_remarks(client, org, reviewer):
    passport = factories.sent(org)
    client.force_login(reviewer)
    response = client.post(reverse("passports:staff_return", args=[passport.pk]), {"remarks": "  "})
    assert response.status_code == 400 and "Напишите замечания" in response.content.decode()
    assert Passport.objects.get(pk=passport.pk).status == Status.SENT
    long = client.post(reverse("passports:staff_return", args=[passport.pk]), {"remarks": "я" * 4001})
    assert long.status_code == 400 and Passport.objects.get(pk=passport.pk).status == Status.SENT
    client.post(reverse("passports:staff_return", args=[passport.pk]), {"remarks": "Уточните площадь."})
    passport.refresh_from_db()
    assert passport.status == Status.RETURNED and passport.remarks == "Уточните площадь."


def test_the_second_reviewer_is_told_someone_acted_first(client, org, reviewer, second_reviewer):
    passport = factories.sent(org)
    services.passport_accept(passport=passport, actor=reviewer)
    client.force_login(second_reviewer)
    response = client.post(reverse("passports:staff_return", args=[passport.pk]), {"remarks": "Нет"}, follow=True)
    assert "паспорт уже в статусе «Принят» — кто-то успел раньше вас" in response.content.decode()
    response = client.post(reverse("passports:staff_accept", args=[passport.pk]), follow=True)
    assert "кто-то успел раньше вас" in response.content.decode()
    assert Passport.objects.get(pk=passport.pk).events.filter(to_status__in=["accepted", "returned"]).count() == 1


def test_the_dashboard_panel_counts_the_queue_and_deadlines(client, org, other_org, reviewer):
    overdue, soon = factories.sent(org), factories.sent(other_org)
    Passport.objects.filter(pk=overdue.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=3))
    Passport.objects.filter(pk=soon.pk).update(due_date=timezone.localdate())
    factories.draft(org)  # not sent: not counted
    client.force_login(reviewer)
    response = client.get(reverse("staff_dashboard"))
    panel = next(p for p in response.context["panels"] if p["template"] == "passports/dashboard_panel.html")
    assert dict((status, count) for status, _label, count in panel["queues"])["sent"] == 2
    assert (panel["overdue_count"], panel["due_soon_count"]) == (1, 1)
    assert panel["waiting"] == [Passport.objects.get(pk=overdue.pk), Passport.objects.get(pk=soon.pk)]
    assert overdue.number in response.content.decode()


def test_the_panel_is_not_shown_to_utility_staff(client, staff):
    client.force_login(staff)
    panels = client.get(reverse("staff_dashboard")).context["panels"]
    assert all(p["template"] != "passports/dashboard_panel.html" for p in panels)


def test_the_queue_makes_a_constant_number_of_queries(client, org, reviewer):
    factories.sent(org)
    client.force_login(reviewer)
    before, after = query_counts(client, reverse("passports:staff_list"), lambda: factories.sent(org), times=5)
    assert before == after
