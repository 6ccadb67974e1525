"""The applicant's list and application pages and the staff queue through the page cache
(portal.pagecache): a repeat visit costs no SQL, and every change shows on the very next request."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from applications.models import Status
from applications.tests.factories import ApplicationFactory, pdf_upload, submitted

LIST = reverse("applications:list")
pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:applications_application_changelist") + "?status__exact=submitted"


@pytest.fixture(autouse=True)
def page_cache(settings):
    """As in production with Redis, here on the tests' local-memory cache."""
    settings.PAGE_CACHE_ENABLED = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit hooks (the version changes) of what happens inside the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def visit(client, url):
    """A browser's second visit: the first one gave it the CSRF cookie its pages' forms use."""
    client.get(url)
    return client.get(url)


def logged_in(client, user):
    client.force_login(user)
    return client


def test_a_repeat_visit_to_the_list_costs_no_sql(client, applicant, django_assert_num_queries):
    submitted(applicant=applicant)
    first = visit(logged_in(client, applicant), LIST)
    with django_assert_num_queries(0):
        again = client.get(LIST)
    assert again.status_code == 200
    assert again.content == first.content
    assert "private" in again["Cache-Control"] and "no-store" in again["Cache-Control"]


def test_a_status_change_shows_on_the_next_request(client, applicant, staff, commit):
    application = submitted(applicant=applicant)
    assert str(Status.SUBMITTED.label) in visit(logged_in(client, applicant), LIST).content.decode()
    with commit():
        application.take_into_review(actor=staff)
    page = client.get(LIST).content.decode()
    assert str(Status.UNDER_REVIEW.label) in page


def test_an_uploaded_document_shows_on_the_application_page(client, applicant, commit):
    from applications.services import document_add

    application = ApplicationFactory(applicant=applicant)
    url = reverse("applications:detail", args=[application.pk])
    assert "новый-план.pdf" not in visit(logged_in(client, applicant), url).content.decode()
    with commit():
        document_add(application=application, uploaded_file=pdf_upload("новый-план.pdf"), slot="site_plan",
                     actor=applicant)
    assert "новый-план.pdf" in client.get(url).content.decode()


def test_a_new_name_shows_in_the_header_at_once(client, applicant, commit):
    visit(logged_in(client, applicant), LIST)
    with commit():
        applicant.full_name = "Новиков Николай"
        applicant.save()
    assert "Новиков Николай" in client.get(LIST).content.decode()


def test_another_applicant_gets_404_after_the_owner_cached_the_page(client, applicant, other_applicant):
    application = ApplicationFactory(applicant=applicant)
    url = reverse("applications:detail", args=[application.pk])
    assert visit(logged_in(client, applicant), url).status_code == 200
    assert visit(logged_in(client, other_applicant), url).status_code == 404


def test_a_flash_message_is_shown_once_and_never_cached(client, applicant):
    draft = ApplicationFactory(applicant=applicant)
    url = reverse("applications:detail", args=[draft.pk])
    visit(logged_in(client, applicant), url)
    # Starting a draft of a kind that has one opens it with a message (applications.views.application_new).
    start = {"branch": draft.branch.pk, "kind": draft.kind, "supply_type": draft.supply_type}
    opened = client.post(reverse("applications:new"), start, follow=True)
    assert opened.redirect_chain[-1][0] == url
    notice = "У вас уже есть черновик"
    assert notice in opened.content.decode()
    assert notice not in client.get(url).content.decode()


def test_after_logout_the_list_asks_to_log_in(client, applicant):
    visit(logged_in(client, applicant), LIST)
    client.post(reverse("account_logout"))
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_deactivated_user_is_logged_out_at_once(client, applicant, commit):
    visit(logged_in(client, applicant), LIST)
    with commit():
        applicant.is_active = False
        applicant.save()
    assert client.get(LIST).status_code == 302


def test_the_staff_queue_follows_new_applications(client, commit, django_assert_num_queries):
    application = submitted()
    staff = StaffFactory(username="queue-staff")
    staff.staff_branches.add(application.branch)
    logged_in(client, staff)
    assert application.number in visit(client, QUEUE).content.decode()
    with django_assert_num_queries(0):
        client.get(QUEUE)
    with commit():
        newcomer = submitted(branch=application.branch)
    assert newcomer.number in client.get(QUEUE).content.decode()


def test_losing_the_staff_group_closes_the_cached_queue(client, commit):
    application = submitted()
    staff = StaffFactory(username="queue-staff")
    staff.staff_branches.add(application.branch)
    visit(logged_in(client, staff), QUEUE)
    with commit():
        staff.groups.remove(Group.objects.get(name="Utility staff"))
        staff.is_staff = False
        staff.save()
    assert client.get(QUEUE).status_code == 302


def test_nothing_is_cached_when_the_cache_is_off(client, applicant, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_ENABLED = False
    visit(logged_in(client, applicant), LIST)
    with pytest.raises(pytest.fail.Exception, match="queries"):
        with django_assert_max_num_queries(0):
            client.get(LIST)


def test_the_home_page_is_cached_and_follows_the_user(client, applicant, commit, django_assert_num_queries):
    home = reverse("home")
    before = visit(logged_in(client, applicant), home).content.decode()
    with django_assert_num_queries(0):
        client.get(home)
    with commit():
        applicant.full_name = "Новое Имя"
        applicant.save()
    assert "Новое Имя" not in before and "Новое Имя" in client.get(home).content.decode()


def test_the_staff_dashboard_is_cached_and_follows_every_panel(client, reviewer, commit, django_assert_num_queries):
    from agreements.tests.factories import submitted as submitted_agreement

    dashboard = reverse("staff_dashboard")
    before = visit(logged_in(client, reviewer), dashboard).content.decode()
    with django_assert_num_queries(0):
        client.get(dashboard)
    with commit():
        agreement = submitted_agreement()
    after = client.get(dashboard).content.decode()
    assert agreement.org_short_name not in before and agreement.org_short_name in after


def test_a_permission_taken_from_the_staff_group_closes_the_cached_queue(client, commit):
    from django.contrib.auth.models import Permission

    application = submitted()
    staff = StaffFactory(username="queue-staff")
    staff.staff_branches.add(application.branch)
    assert visit(logged_in(client, staff), QUEUE).status_code == 200
    with commit():
        Group.objects.get(name="Utility staff").permissions.remove(
            *Permission.objects.filter(codename__in=["view_application", "change_application"]))
    assert client.get(QUEUE).status_code == 403
