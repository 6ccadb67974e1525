"""The organisation's pages: its own notices only (404 for anyone else's), forms that explain."""

import base64
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from addresses.notices import services as notice_services
from addresses.notices.choices import NoticeStatus
from addresses.notices.models import Notice
from addresses.tests.factories import AddressFactory
from addresses.tests.notice_factories import draft, sent, served
from portal.tests.queries import query_counts

pytestmark = pytest.mark.django_db
NEW = reverse("addresses:notice_new")


def post_data(chosen, **overrides):
    today = timezone.localdate()
    data = {"kind": "add", "addresses": [str(a.pk) for a in chosen], "basis_kind": "contract",
            "basis_number": "ДУ-15/2026", "basis_date": (today - datetime.timedelta(days=3)).isoformat(),
            "starts_on": today.isoformat()}
    return {**data, **overrides}


def form_errors(client, data, url=NEW):
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "invalid-feedback" in response.content.decode() or "alert-danger" in response.content.decode()
    return form


def test_an_organisation_makes_a_draft_with_several_addresses(client, organisation):
    first, second = AddressFactory(), AddressFactory()
    client.force_login(organisation)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, post_data([second, first]))
    notice = Notice.objects.get()
    assert response.status_code == 302 and response.url == reverse("addresses:notice", args=[notice.pk])
    assert [item.address for item in notice.items.all()] == [second, first]  # the order chosen
    page = client.get(response.url).content.decode()
    assert notice.text_sha256 in page and "plugin-signer" in page and second.full_text in page
    assert client.get(reverse("addresses:notice_text", args=[notice.pk])).content == notice.text_bytes


@pytest.mark.parametrize("overrides, field", [
    ({"addresses": []}, "addresses"),
    ({"addresses": ["999999"]}, "addresses"),
    ({"addresses": ["abc"]}, "addresses"),
    ({"kind": "move"}, "kind"),
    ({"basis_kind": ""}, "basis_kind"),
    ({"basis_number": ""}, "basis_number"),
    ({"basis_date": ""}, "basis_date"),
    ({"basis_date": "31.02.2026"}, "basis_date"),
    ({"basis_date": "2999-01-01"}, "basis_date"),
    ({"starts_on": ""}, "starts_on"),
    ({"starts_on": "2999-01-01"}, "starts_on"),
])
def test_bad_input_is_explained_and_what_was_typed_stays(client, organisation, overrides, field):
    address = AddressFactory()
    client.force_login(organisation)
    form = form_errors(client, post_data([address], **overrides))
    assert form.errors[field] and all(str(error) for error in form.errors[field])
    assert not Notice.objects.exists()
    if field != "addresses":
        assert form.chosen_for_display() == [(address.pk, address.full_text)]


def test_removing_an_unserved_building_is_refused_on_the_form(client, organisation):
    address = AddressFactory()
    client.force_login(organisation)
    form = form_errors(client, post_data([address], kind="remove"))
    assert address.full_text in form.non_field_errors()[0]
    assert not Notice.objects.exists()


def test_a_draft_can_be_edited_and_a_sent_notice_cannot(client, organisation):
    notice, other = draft(organisation), AddressFactory()
    client.force_login(organisation)
    url = reverse("addresses:notice_edit", args=[notice.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, post_data([other], basis_number="42")).status_code == 302
    notice.refresh_from_db()
    assert notice.basis_number == "42" and list(notice.addresses.all()) == [other]
    form = form_errors(client, post_data([other], basis_number=""), url=url)
    assert form.errors["basis_number"]
    sent_notice = sent(organisation)
    assert client.get(reverse("addresses:notice_edit", args=[sent_notice.pk])).status_code == 302


def test_an_uploaded_signature_sends_the_notice(client, organisation, trusted, sign, legal_key):
    notice = draft(organisation)
    client.force_login(organisation)
    upload = SimpleUploadedFile("notice.sig", sign(notice, legal_key))
    response = client.post(reverse("addresses:notice_sign", args=[notice.pk]), {"signature_file": upload},
                           follow=True)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT and notice.number in response.content.decode()


def test_the_plugin_gets_json_and_a_bad_signature_changes_nothing(client, organisation, trusted, sign, stranger_key):
    notice = draft(organisation)
    client.force_login(organisation)
    url = reverse("addresses:notice_sign", args=[notice.pk])
    signature = base64.b64encode(sign(notice, stranger_key)).decode()
    answer = client.post(url, {"signature": signature}, HTTP_ACCEPT="application/json").json()
    assert answer["ok"] and not answer["valid"] and answer["summary"]
    assert client.post(url, {"signature": "не base64"}, HTTP_ACCEPT="application/json").json()["valid"] is False
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.DRAFT


def test_an_upload_without_a_file_is_explained(client, organisation):
    notice = draft(organisation)
    client.force_login(organisation)
    response = client.post(reverse("addresses:notice_sign", args=[notice.pk]))
    assert response.status_code == 200 and response.context["upload_form"].errors


def notice_urls(notice):
    return [(method, reverse(f"addresses:{name}", args=[notice.pk])) for method, name in
            [("get", "notice"), ("get", "notice_edit"), ("post", "notice_edit"), ("get", "notice_text"),
             ("post", "notice_sign")]]


def test_another_organisation_gets_404_on_every_notice_url(client, organisation, other_organisation):
    for notice in (draft(organisation), sent(organisation)):
        client.force_login(other_organisation)
        for method, url in notice_urls(notice):
            assert getattr(client, method)(url).status_code == 404, url
    assert Notice.objects.filter(status=NoticeStatus.DRAFT).get().basis_number == "ДУ-15/2026"


ORGANISATION_PAGES = ["addresses:served", "addresses:notices", "addresses:notice_new", "agreements:mine"]


@pytest.mark.parametrize("name", ORGANISATION_PAGES)
def test_an_account_without_an_agreement_is_told_to_conclude_one(client, applicant, name):
    client.force_login(applicant)
    response = client.get(reverse(name))
    assert response.status_code == 403 and reverse("agreements:new") in response.content.decode()


def test_an_account_without_an_agreement_gets_no_notice_page(client, organisation, applicant):
    client.force_login(applicant)
    for method, url in notice_urls(draft(organisation)):
        assert getattr(client, method)(url).status_code in (403, 404), url


@pytest.mark.parametrize("name", ORGANISATION_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, name):
    assert client.get(reverse(name)).status_code == 302


def test_the_served_list_shows_current_and_ended_buildings(client, organisation, other_organisation):
    current, ended, foreign = AddressFactory(), AddressFactory(), AddressFactory()
    served(organisation, current)
    row = served(organisation, ended)
    row.ends_on = timezone.localdate()
    row.save()
    served(other_organisation, foreign)
    client.force_login(organisation)
    response = client.get(reverse("addresses:served"))
    assert [r.address for r in response.context["current"]] == [current]
    assert [r.address for r in response.context["ended"]] == [ended]
    assert foreign.full_text not in response.content.decode()


def test_the_notice_list_shows_only_own_notices(client, organisation, other_organisation):
    mine, theirs = draft(organisation), draft(other_organisation)
    client.force_login(organisation)
    assert list(client.get(reverse("addresses:notices")).context["page"]) == [mine]
    assert theirs.pk != mine.pk


def test_the_organisation_sees_each_address_decision_and_reason(client, organisation, reviewer):
    kept, refused = AddressFactory(), AddressFactory()
    notice = sent(organisation, [kept, refused])
    notice_services.notice_decide(notice=notice, actor=reviewer,
                                  decisions={kept.pk: (True, ""), refused.pk: (False, "Дом не в договоре")})
    client.force_login(organisation)
    page = client.get(reverse("addresses:notice", args=[notice.pk])).content.decode()
    assert "Дом не в договоре" in page and page.count("address-decision-badge") == 2
    assert "status-confirmed" in page and "status-rejected" in page and "status-partly_confirmed" in page
    listing = client.get(reverse("addresses:notices")).content.decode()
    assert str(NoticeStatus.PARTLY_CONFIRMED.label) in listing and "status-partly_confirmed" in listing


def test_lists_make_a_constant_number_of_queries(client, organisation):
    client.force_login(organisation)
    sent(organisation)
    served(organisation, AddressFactory())
    before, after = query_counts(client, reverse("addresses:notices"),
                                 lambda: sent(organisation, [AddressFactory(), AddressFactory()]))
    assert before == after
    before, after = query_counts(client, reverse("addresses:served"),
                                 lambda: served(organisation, AddressFactory()))
    assert before == after


def test_the_organisation_sees_its_agreement(client, organisation):
    client.force_login(organisation)
    agreement = organisation.agreements.get()
    page = client.get(reverse("agreements:mine")).content.decode()
    assert agreement.number in page and agreement.text_sha256 in page
    pdf = client.get(reverse("agreements:mine"), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
