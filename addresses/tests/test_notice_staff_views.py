"""The reviewer's notice pages: only municipal reviewers get in; decisions go through the transitions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from addresses.models import ServedAddress
from addresses.notices import services as notice_services
from addresses.notices.choices import NoticeStatus
from addresses.notices.models import Notice
from addresses.tests.factories import AddressFactory
from addresses.tests.notice_factories import draft, sent, served
from portal.tests.queries import query_counts

pytestmark = pytest.mark.django_db
QUEUE = reverse("addresses:staff_notices")


def staff_urls(notice):
    return [("get", QUEUE), ("get", reverse("addresses:staff_notice", args=[notice.pk])),
            ("post", reverse("addresses:staff_notice_decide", args=[notice.pk]))]


def decide_url(notice):
    return reverse("addresses:staff_notice_decide", args=[notice.pk])


def in_russian(message):
    """What the page says for an English msgid, whether or not the ru catalogue has it yet."""
    with translation.override("ru"):
        return str(translation.gettext(message))


INCOMPLETE = "The decision is not saved: decide on every address and give the reason for each rejected one."


def test_organisations_applicants_and_utility_staff_are_refused(client, organisation, applicant, staff):
    notice = sent(organisation)
    for user in (organisation, applicant, staff):
        client.force_login(user)
        for method, url in staff_urls(notice):
            assert getattr(client, method)(url).status_code == 403, (user, url)
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.SENT


def test_anonymous_visitors_are_sent_to_login(client, organisation):
    for method, url in staff_urls(sent(organisation)):
        assert getattr(client, method)(url).status_code == 302


def test_a_draft_is_not_the_reviewers_business(client, reviewer, organisation):
    client.force_login(reviewer)
    assert client.get(reverse("addresses:staff_notice", args=[draft(organisation).pk])).status_code == 404


def test_the_queue_filters_and_searches(client, reviewer, organisation, other_organisation):
    address = AddressFactory(street="ул. Щорса", house="д. 8")
    mine = sent(organisation, [address])
    theirs = sent(other_organisation, kind="add")
    notice_services.notice_reject(notice=theirs, actor=reviewer, comment="Нет")
    client.force_login(reviewer)
    listed = lambda **query: list(client.get(QUEUE, query).context["page"])  # noqa: E731
    assert set(listed()) == {mine, theirs}
    assert listed(status="rejected") == [theirs]
    assert listed(kind="remove") == []
    assert listed(q="Лютик") == [theirs]
    assert listed(q=theirs.inn[:6]) == [theirs]
    assert listed(q="щорса 8") == [mine]
    assert listed(q=mine.number) == [mine]
    Notice.objects.filter(pk=mine.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    assert listed(deadline="overdue") == [mine]
    assert listed(deadline="soon") == []
    assert client.get(QUEUE, {"status": "nonsense"}).status_code == 200


def test_a_building_served_by_another_organisation_is_flagged(client, reviewer, organisation, other_organisation):
    address = AddressFactory()
    served(other_organisation, address)
    notice = sent(organisation, [address])
    client.force_login(reviewer)
    page = client.get(reverse("addresses:staff_notice", args=[notice.pk])).content.decode()
    assert "served-elsewhere" in page and "ООО «Лютик»" in page
    assert "served-elsewhere" in client.get(QUEUE).content.decode()


def test_the_reviewer_confirms(client, reviewer, organisation):
    notice = sent(organisation)
    address = notice.items.get().address
    client.force_login(reviewer)
    url = reverse("addresses:staff_notice", args=[notice.pk])
    assert notice.basis_number in client.get(url).content.decode()
    response = client.post(decide_url(notice), {f"decision_{address.pk}": "confirm", "comment": ""}, follow=True)
    assert response.status_code == 200 and "alert-success" in response.content.decode()
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.CONFIRMED
    assert ServedAddress.objects.of_organisation(organisation).count() == 1


def test_the_reviewer_confirms_one_address_and_rejects_the_other(client, reviewer, organisation):
    kept, refused = AddressFactory(), AddressFactory()
    notice = sent(organisation, [kept, refused])
    client.force_login(reviewer)
    page = client.get(reverse("addresses:staff_notice", args=[notice.pk])).content.decode()
    assert f'name="decision_{kept.pk}"' in page and f'name="reason_{refused.pk}"' in page
    response = client.post(decide_url(notice), {
        f"decision_{kept.pk}": "confirm", f"reason_{kept.pk}": "",
        f"decision_{refused.pk}": "reject", f"reason_{refused.pk}": "Дом не в договоре",
        "comment": "Второй адрес — отдельным извещением"}, follow=True)
    assert "alert-success" in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PARTLY_CONFIRMED
    assert notice.reviewer_comment == "Второй адрес — отдельным извещением"
    assert [row.address for row in ServedAddress.objects.of_organisation(organisation)] == [kept]
    assert notice.items.get(address=refused).reason == "Дом не в договоре"
    assert "Дом не в договоре" in notice.events.last().comment


def test_an_undecided_address_is_explained_and_the_input_kept(client, reviewer, organisation):
    decided, undecided = AddressFactory(), AddressFactory()
    notice = sent(organisation, [decided, undecided])
    client.force_login(reviewer)
    response = client.post(decide_url(notice), {f"decision_{decided.pk}": "reject",
                                                f"reason_{decided.pk}": "Нет протокола", "comment": "Мой текст"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[f"decision_{undecided.pk}"] and in_russian(INCOMPLETE) in form.non_field_errors()
    page = response.content.decode()
    assert in_russian(INCOMPLETE) in page and "Нет протокола" in page and "Мой текст" in page
    assert f'value="reject" id="id_decision_{decided.pk}_1" checked' in page
    assert_nothing_decided(notice)


def test_a_rejection_without_a_reason_is_explained_and_the_input_kept(client, reviewer, organisation):
    kept, refused = AddressFactory(), AddressFactory()
    notice = sent(organisation, [kept, refused])
    client.force_login(reviewer)
    response = client.post(decide_url(notice), {f"decision_{kept.pk}": "confirm", f"decision_{refused.pk}": "reject",
                                                f"reason_{refused.pk}": "   ", "comment": "Итог"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[f"reason_{refused.pk}"] == [in_russian("Give the reason for rejecting this address.")]
    page = response.content.decode()
    assert f'value="confirm" id="id_decision_{kept.pk}_0" checked' in page and "Итог" in page
    assert f'value="reject" id="id_decision_{refused.pk}_1" checked' in page
    assert_nothing_decided(notice)


def assert_nothing_decided(notice):
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT and notice.events.count() == 1 and not notice.reviewer_comment
    assert not notice.items.exclude(decision="").exists() and not ServedAddress.objects.exists()


def test_the_second_reviewer_is_told_someone_acted_first(client, reviewer, organisation):
    notice = sent(organisation)
    address = notice.items.get().address
    notice_services.notice_confirm(notice=Notice.objects.get(pk=notice.pk), actor=reviewer)
    client.force_login(reviewer)
    response = client.post(decide_url(notice), {f"decision_{address.pk}": "reject",
                                                f"reason_{address.pk}": "Нет"}, follow=True)
    assert "alert-danger" in response.content.decode()
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.CONFIRMED and notice.events.count() == 2


def test_a_decided_notice_shows_each_decision_and_no_form(client, reviewer, organisation, other_organisation):
    kept, refused = AddressFactory(), AddressFactory()
    served(other_organisation, refused)
    notice = sent(organisation, [kept, refused])
    notice_services.notice_decide(notice=notice, actor=reviewer,
                                  decisions={kept.pk: (True, ""), refused.pk: (False, "Обслуживает другая УК")})
    client.force_login(reviewer)
    page = client.get(reverse("addresses:staff_notice", args=[notice.pk])).content.decode()
    assert "decision-form" not in page and "Обслуживает другая УК" in page and "served-elsewhere" in page
    assert "status-partly_confirmed" in page
    assert list(client.get(QUEUE, {"status": "partly_confirmed"}).context["page"]) == [notice]


def test_the_queue_makes_a_constant_number_of_queries(client, reviewer, organisation):
    sent(organisation)
    client.force_login(reviewer)
    before, after = query_counts(client, QUEUE, lambda: sent(organisation, [AddressFactory(), AddressFactory()]))
    assert before == after


def test_the_dashboard_panel_counts_notices(client, reviewer, organisation):
    late = sent(organisation)
    Notice.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    sent(organisation)
    kept, refused = AddressFactory(), AddressFactory()
    notice_services.notice_decide(notice=sent(organisation, [kept, refused]), actor=reviewer,
                                  decisions={kept.pk: (True, ""), refused.pk: (False, "Нет")})
    client.force_login(reviewer)
    panel = next(p for p in client.get(reverse("staff_dashboard")).context["panels"]
                 if p["template"] == "addresses/staff/dashboard_panel.html")
    counts = dict((s, n) for s, _label, n in panel["queues"])
    assert counts == {"sent": 2, "confirmed": 0, "partly_confirmed": 1, "rejected": 0}
    assert panel["overdue_count"] == 1 and len(panel["waiting"]) == 2


def test_the_dashboard_panel_is_only_for_reviewers(client, staff):
    client.force_login(staff)
    response = client.get(reverse("staff_dashboard"))
    assert "notices-panel" not in response.content.decode()
