"""Odd input against the kept/prepared paths (issue 18 review): each must answer as Django's own path did."""

import pytest
from django.urls import reverse

from applications.tests.factories import submitted
from applications.tests.test_admin_queue_sql import URL, queue  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # past bigint: the ORM answers "no such row" for it


@pytest.mark.parametrize("name", ["applications:detail", "applications:history", "applications:receipt_page"])
def test_an_application_pk_past_bigint_is_a_404(client, applicant, name):
    client.force_login(applicant)
    assert client.get(reverse(name, args=[int(HUGE)])).status_code == 404


@pytest.mark.parametrize("query", [{"branch__id__exact": HUGE}, {"branch__id__exact": "-1"}, {"p": "999"},
                                   {"p": "0"}, {"p": "-1"}, {"p": "abc"}, {"o": "99"}, {"o": "x.y"},
                                   {"o": "-1.-2"}, {"all": ""}])
def test_odd_queue_query_strings_are_no_500(client, queue, query):  # noqa: F811
    first, second, staff_first, staff_second = queue
    client.force_login(staff_first)
    response = client.get(reverse(URL), query)
    assert response.status_code in (200, 302)


def test_another_branchs_filter_shows_nothing_after_its_staff_saw_it(client, queue):  # noqa: F811
    first, second, staff_first, staff_second = queue
    client.force_login(staff_second)
    query = {"branch__id__exact": str(second.pk)}
    assert client.get(reverse(URL), query).context["cl"].result_count == 2
    client.force_login(staff_first)
    response = client.get(reverse(URL), query)
    # A one-branch member has no branch filter (StaffBranchFilter): the parameter is ignored, own rows shown.
    assert {row.branch_id for row in response.context["cl"].result_list} == {first.pk}
    assert "Курск" not in response.content.decode().split('id="result_list"')[-1]


ODD = [{"branch__id__exact": "-1"}, {"o": "99"}, {"o": "-2.1.-2"}, {"o": "2.2"}, {"all": ""}, {"all": "0"},
       {"p": "2"}, {"p": "2", "all": ""}, {"status__exact": ["submitted", "in_review"]}, {"deadline": "overdue"},
       {"kind__exact": "nope"}, {"o": "1", "p": "2"}]


def test_odd_query_strings_match_djangos_results_for_three_users_in_turn(client, queue):  # noqa: F811
    from django.contrib.auth.models import Permission

    from accounts.tests.factories import StaffFactory
    from applications.tests.test_admin_queue_sql import _compare_with_django

    first, second, staff_first, staff_second = queue
    manager = StaffFactory(username="manager")
    manager.user_permissions.add(Permission.objects.get(codename="view_all_branches",
                                                        content_type__app_label="applications"))
    for query in ODD:
        for user in (manager, staff_first, staff_second, staff_first, manager):
            _compare_with_django(client, user, query)


def test_a_manager_filtering_by_a_branch_id_past_bigint_gets_no_500(client, queue):  # noqa: F811
    """Django's path: the filter's value is out of the integer range, the ORM answers "no rows" without
    a query (EmptyResultSet). The kept path captures the count's SQL, finds none and raises."""
    from django.contrib.auth.models import Permission

    from accounts.tests.factories import StaffFactory

    manager = StaffFactory(username="manager")
    manager.user_permissions.add(Permission.objects.get(codename="view_all_branches",
                                                        content_type__app_label="applications"))
    client.force_login(manager)
    assert client.get(reverse(URL), {"q": "", "branch__id__exact": HUGE}).status_code == 200  # Django's path
    assert client.get(reverse(URL), {"branch__id__exact": HUGE}).status_code == 200


EVIL = '<img src=x onerror=alert(1)>"\'&.pdf'


def test_file_and_applicant_names_are_escaped_on_the_application_pages(client, applicant, queue):  # noqa: F811
    from applications.models import ApplicationDocument
    from applications.services import document_add
    from applications.tests.factories import ApplicationFactory, pdf_upload

    first, second, staff_first, staff_second = queue
    draft = ApplicationFactory(applicant=applicant, applicant_name="<b>x</b>", branch=first)
    document_add(application=draft, uploaded_file=pdf_upload(EVIL), slot=ApplicationDocument._meta.get_field(
        "slot").choices[0][0] if ApplicationDocument._meta.get_field("slot").choices else "other", actor=applicant)
    assert ApplicationDocument.objects.filter(application=draft).exists()
    client.force_login(applicant)
    for name in ("applications:detail", "applications:history"):
        html = client.get(reverse(name, args=[draft.pk])).content.decode()
        assert "<img src=x" not in html and "<b>x</b>" not in html
    done = submitted(applicant, branch=first, applicant_name="<b>x</b>")
    client.force_login(staff_first)
    html = client.get(reverse(URL)).content.decode()
    assert done.number and "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    # someone else's application: 404 on every page that reads it
    client.force_login(staff_second)  # not its applicant
    for name in ("applications:detail", "applications:history", "applications:receipt_page"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404
