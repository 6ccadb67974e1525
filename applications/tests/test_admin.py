import pytest
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from applications.admin_queue import ROW_SEPARATOR
from applications.models import Status
from applications.tests.factories import pdf_upload, submitted
from notifications.models import Notification
from portal.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch_staff(staff):
    branch = BranchFactory()
    branch.staff.add(staff)
    return staff


def transition_url(application, action):
    return reverse("admin:applications_application_transition", args=[application.pk, action])


def test_staff_take_into_review_and_request_corrections_through_the_admin(client, applicant, branch_staff):
    application = submitted(applicant)
    client.force_login(branch_staff)
    change_page = client.get(reverse("admin:applications_application_change", args=[application.pk]))
    assert "Взять в работу" in change_page.content.decode()
    client.post(transition_url(application, "take_into_review"), {"comment": ""})
    response = client.post(transition_url(application, "request_correction"), {"comment": ""})
    assert response.status_code == 200 and response.context["form"].errors["comment"]
    client.post(transition_url(application, "request_correction"), {"comment": "Нужен план 1:500"})
    application.refresh_from_db()
    assert application.status == Status.NEEDS_CORRECTION and application.correction_request == "Нужен план 1:500"
    assert application.events.filter(actor=branch_staff).count() == 2


def test_completion_attaches_the_result_documents(client, applicant, branch_staff):
    application = submitted(applicant)
    application.take_into_review(actor=branch_staff)
    application.request_signature(actor=branch_staff)
    application.mark_signed(actor=applicant)
    client.force_login(branch_staff)
    response = client.post(transition_url(application, "complete"), {"comment": "Готово"})
    assert response.context["form"].errors["files"]
    client.post(transition_url(application, "complete"), {"comment": "Готово", "files": [pdf_upload("ТУ.pdf")]})
    application.refresh_from_db()
    assert application.status == Status.COMPLETED
    assert application.documents.filter(slot="result", original_name="ТУ.pdf").exists()
    assert application.events.last().documents.count() == 1


def test_a_lost_race_gets_a_clear_message(client, applicant, branch_staff):
    application = submitted(applicant)
    application.reject(actor=StaffFactory(username="quicker"), comment="Дубликат")
    client.force_login(branch_staff)
    response = client.post(transition_url(application, "take_into_review"), {"comment": ""}, follow=True)
    assert "кто-то выполнил действие раньше вас" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    assert [e.to_status for e in application.events.all() if e.is_status_change] == ["submitted", "rejected"]


def test_staff_of_another_branch_do_not_see_the_application(client, applicant, staff):
    application = submitted(applicant)
    BranchFactory(city="Курск", slug="kursk").staff.add(staff)
    client.force_login(staff)
    assert client.get(reverse("admin:applications_application_change", args=[application.pk])).status_code == 302
    assert client.post(transition_url(application, "take_into_review")).status_code == 403
    listed = client.get(reverse("admin:applications_application_changelist")).context["cl"].result_list
    assert list(listed) == []


def test_the_changelist_searches_by_inn_and_filters_overdue(client, applicant, branch_staff):
    application = submitted(applicant)
    client.force_login(branch_staff)
    changelist = reverse("admin:applications_application_changelist")
    by_number = client.get(changelist, {"q": application.number}).context["cl"].result_list
    assert list(by_number) == [application]
    assert list(client.get(changelist, {"deadline": "overdue"}).context["cl"].result_list) == []


def test_bulk_take_into_review_reports_skipped_rows(client, applicant, branch_staff):
    first, second = submitted(applicant), submitted(applicant)
    second.take_into_review(actor=branch_staff)
    client.force_login(branch_staff)
    response = client.post(reverse("admin:applications_application_changelist"),
                           {"action": "bulk_take_into_review", "_selected_action": [first.pk, second.pk]}, follow=True)
    assert "Взято в работу: 1; пропущено (другой статус): 1." in response.content.decode()
    # two applications: submission and taking into review, each by SMS and e-mail
    assert Notification.objects.filter(template="application_status").count() == 2 * 2 * 2


def test_the_queue_rows_have_their_checkbox_and_columns(client, applicant, branch_staff):
    application = submitted(applicant)
    application.branch.staff.add(branch_staff)
    client.force_login(branch_staff)
    response = client.get(reverse("admin:applications_application_changelist"), {"status__exact": "submitted"})
    html = response.content.decode()
    assert (f'<input type="checkbox" name="_selected_action" value="{application.pk}" class="action-select" '
            f'aria-label="Выбрать этот объект, чтобы применить к нему действие - {application.number}">') in html
    assert application.number in html and application.applicant_name in html and application.branch.city in html
    row = response.context["cl"].result_list[0]
    assert row.get_deferred_fields() >= {"object_address", "correction_request", "comment"}


def test_the_queue_makes_the_same_number_of_queries_for_any_number_of_rows(client, applicant, branch_staff):
    from portal.tests.queries import query_counts

    first = submitted(applicant)
    first.branch.staff.add(branch_staff)
    client.force_login(branch_staff)
    few, many = query_counts(client, reverse("admin:applications_application_changelist"),
                             lambda: submitted(applicant, branch=first.branch), times=8)
    assert many == few


def test_the_queue_rows_are_the_html_djangos_result_list_makes(client, applicant, branch_staff):
    """applications.admin_queue writes the rows directly; they must be exactly Django's, cell by cell,
    with the list's filters preserved in the links, an overdue mark and empty cells."""
    import datetime

    from django.contrib.admin.templatetags.admin_list import result_list, results
    from django.template.loader import render_to_string
    from django.utils import timezone

    from applications.admin_queue import ROW_SEPARATOR

    first = submitted(applicant, applicant_name="ООО «Ромашка» <b>")
    first.branch.staff.add(branch_staff)
    overdue = submitted(applicant, branch=first.branch)
    overdue.take_into_review(actor=branch_staff)
    type(overdue).objects.filter(pk=overdue.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=3))
    submitted(applicant, branch=first.branch, applicant_name="   ", kind="contract", supply_type="electricity")
    type(first).objects.filter(pk=first.pk).update(due_date=None)
    client.force_login(branch_staff)
    queries = ({}, {"status__exact": "submitted", "o": "2"}, {"deadline": "overdue"}, {"q": "no such"},
               {"status__exact": "submitted", "o": "-7.2"}, {"o": "2"}, {})  # again: the kept headers
    for query in queries:
        response = client.get(reverse("admin:applications_application_changelist"), query)
        cl = response.context["cl"]
        fast = response.context["queue"]["results"]
        django = ["".join(row) for row in results(cl)]
        assert [str(row[0]) for row in fast] == ([ROW_SEPARATOR.join(django)] if django else [])
        assert all(len(row) == 1 and row.form is None for row in fast)  # all rows in one step
        html = response.content.decode()
        assert all(f"<tr>{row}</tr>" in html for row in django)
        assert 'class="overdue"' in html or query.get("status__exact") or not django
        # The page's table as Django's own template writes it with Django's rows.
        former = render_to_string("admin/change_list_results.html", result_list(cl))
        assert former in html and (bool(former.strip()) == bool(django))


def test_the_queue_offers_only_the_branches_the_staff_member_sees(client, applicant, branch_staff, django_user_model):
    """A member of one branch gets no branch filter (nothing to choose); of two, those two; a manager
    (view_all_branches) every branch. The same filter serves the appeals queue."""
    from django.contrib.auth.models import Permission

    from portal.workflow_admin import StaffBranchFilter

    own = branch_staff.staff_branches.get()
    second, other = BranchFactory(city="Курск", slug="kursk"), BranchFactory(city="Орёл", slug="orel")
    submitted(applicant, branch=own)

    def branch_choices(user):
        client.force_login(user)
        cl = client.get(reverse("admin:applications_application_changelist")).context["cl"]
        # The changelist keeps only the filters with something to offer.
        spec = next((spec for spec in cl.filter_specs if isinstance(spec, StaffBranchFilter)), None)
        return spec and [city for _pk, city in spec.lookup_choices]

    assert branch_choices(branch_staff) is None
    second.staff.add(branch_staff)
    assert branch_choices(django_user_model.objects.get(pk=branch_staff.pk)) == [own.city, second.city]
    manager = StaffFactory(username="manager")
    manager.user_permissions.add(Permission.objects.get(codename="view_all_branches",
                                                        content_type__app_label="applications"))
    assert set(branch_choices(manager)) >= {own.city, second.city, other.city}


def test_the_queue_filters_are_kept_per_query_language_and_branches(client, applicant, branch_staff, settings):
    """The filters' HTML is kept a minute per process (the "fragments" cache) for the same query
    string and branches (and language: the portal has one); counts (?_facets) are never kept."""
    from django.core.cache import caches

    settings.PAGE_CACHE_ENABLED = False  # every visit renders the page (what the fragments are for)
    caches["fragments"].clear()
    own = branch_staff.staff_branches.get()
    submitted(applicant, branch=own)
    second = BranchFactory(city="Курск", slug="kursk")
    changelist = reverse("admin:applications_application_changelist")

    def filters(query=None):
        client.force_login(branch_staff)
        response = client.get(changelist, query or {})
        html = response.content.decode()
        start = html.index('<nav id="changelist-filter"')
        names = [template.name for template in response.templates]
        return html[start:html.index("</nav>", start)], "admin/filter.html" in names

    first, rendered = filters({"status__exact": "submitted"})
    again, rendered_again = filters({"status__exact": "submitted"})
    assert rendered and not rendered_again and again == first  # kept, the same HTML
    other, rendered_other = filters({"status__exact": "rejected"})
    assert rendered_other and other != first
    second.staff.add(branch_staff)  # a second branch: the branch filter appears at once
    with_branches, rendered_branches = filters({"status__exact": "submitted"})
    assert rendered_branches and "Курск" in with_branches and "Курск" not in first
    counted, _ = filters({"status__exact": "submitted", "_facets": "True"})
    submitted(applicant, branch=own)
    counted_again, rendered_counts = filters({"status__exact": "submitted", "_facets": "True"})
    assert rendered_counts and counted_again != counted  # the counts are the rows' own, never kept


def test_the_kept_pagination_is_djangos(client, applicant, branch_staff, monkeypatch, settings):
    """The queue's pagination line and search bar (portal.admin_kept_tags) are what Django's
    {% pagination %} and {% search_form %} write for each page, filter and search, and follow new rows."""
    settings.PAGE_CACHE_ENABLED = False  # each page rendered (make test-redis-cache turns the cache on)
    from django.contrib import admin
    from django.template import engines

    from applications.models import Application
    from portal import admin_kept_tags

    monkeypatch.setattr(admin.site._registry[Application], "list_per_page", 2)
    monkeypatch.setattr(admin_kept_tags, "_kept", {})
    first = submitted(applicant)
    first.branch.staff.add(branch_staff)
    for _ in range(4):
        submitted(applicant, branch=first.branch)
    client.force_login(branch_staff)
    django_tag = engines["django"].from_string("{% load admin_list %}{% pagination cl %}")
    django_search = engines["django"].from_string("{% load admin_list %}{% search_form cl %}")
    url = reverse("admin:applications_application_changelist")
    queries = ({}, {"p": "2"}, {"status__exact": "submitted", "p": "3"}, {}, {"p": "2"}, {"q": "<2026>"})
    for query in queries:
        response = client.get(url, query)
        cl = response.context["cl"]
        expected, search = (tag.render({"cl": cl, "opts": cl.opts}) for tag in (django_tag, django_search))
        assert 'class="paginator"' in expected and expected in response.content.decode()
        assert 'id="changelist-search"' in search and search in response.content.decode()
    assert len([key for key in admin_kept_tags._kept if key[0] in ("pagination", "search_form")]) == 8
    submitted(applicant, branch=first.branch)
    response = client.get(url)
    cl = response.context["cl"]
    assert django_tag.render({"cl": cl, "opts": cl.opts}) in response.content.decode()
    assert "6 заяв" in response.content.decode()


def test_the_kept_queue_rows_follow_each_rows_values(client, applicant, branch_staff, monkeypatch, settings):
    """The rows' HTML is kept per process (applications.admin_queue.kept_row): a second visit writes
    no row again, and a changed name, status or deadline, another page's filters or another day show
    at once, always as Django's own rows."""
    import datetime

    from django.contrib.admin.templatetags.admin_list import results
    from django.utils import timezone

    from applications import admin_queue

    settings.PAGE_CACHE_ENABLED = False
    monkeypatch.setattr(admin_queue, "_kept_rows", {})
    written = []
    monkeypatch.setattr(admin_queue, "_row", lambda *args, _row=admin_queue._row: written.append(args[1].pk)
                        or _row(*args))
    first = submitted(applicant)
    first.branch.staff.add(branch_staff)
    second = submitted(applicant, branch=first.branch)
    client.force_login(branch_staff)
    url = reverse("admin:applications_application_changelist")

    def rows(query=None):
        written.clear()
        response = client.get(url, query or {})
        cl = response.context["cl"]
        django = ROW_SEPARATOR.join("".join(row) for row in results(cl))
        assert [str(row[0]) for row in response.context["queue"]["results"]] == [django]
        return sorted(written)

    assert rows() == sorted([first.pk, second.pk])
    assert rows() == []  # kept
    type(first).objects.filter(pk=first.pk).update(applicant_name="ООО «Новое имя»")
    assert rows() == [first.pk]
    second.take_into_review(actor=branch_staff)
    type(second).objects.filter(pk=second.pk).update(due_date=timezone.localdate() + datetime.timedelta(days=1))
    assert rows() == [second.pk]
    assert rows({"status__exact": "under_review"}) == [second.pk]  # another list: its own links
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)  # the deadline passes: overdue
    assert rows() == sorted([first.pk, second.pk])


def test_the_queue_action_bar_is_djangos(client, applicant, branch_staff, settings):
    """The kept action bar (portal.admin_action_form.action_bar_html) is what Django's
    {% admin_actions %} writes with the page's context, as rows are added."""
    from django.template import engines

    settings.PAGE_CACHE_ENABLED = False
    django_tag = engines["django"].from_string("{% load admin_list %}{% admin_actions %}")
    names = ("opts", "cl", "action_form", "actions_selection_counter", "selection_note", "selection_notes_json",
             "selection_note_all", "module_name")
    first = submitted(applicant)
    first.branch.staff.add(branch_staff)
    client.force_login(branch_staff)
    for _ in range(3):
        response = client.get(reverse("admin:applications_application_changelist"), {"status__exact": "submitted"})
        expected = django_tag.render({name: response.context[name] for name in names})
        assert 'class="actions"' in expected and expected in response.content.decode()
        submitted(applicant, branch=first.branch)
