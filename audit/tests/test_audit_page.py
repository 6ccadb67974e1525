"""Issue 12 §5: the security officer's page (group "Security officers") searches the audit by who acted and
by whose data; nobody can change or delete audit rows from the portal or the admin; old rows are purged."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.tests.factories import ApplicantFactory, StaffFactory
from applications.tests.factories import submitted
from audit.tasks import purge_old_audit_entries

pytestmark = pytest.mark.django_db
PAGE = reverse("audit:log")


@pytest.fixture
def officer(db):
    user = StaffFactory(username="officer", full_name="Безопасникова Ольга")
    user.groups.add(Group.objects.get(name="Security officers"))
    return user


@pytest.fixture
def history(client, applicant, other_applicant):
    """Each applicant downloads their receipt; staff of the branch take the first application into review."""
    mine, theirs = submitted(applicant=applicant), submitted(applicant=other_applicant)
    for person, application in ((applicant, mine), (other_applicant, theirs)):
        client.force_login(person)
        assert client.get(reverse("applications:receipt_pdf", args=[application.pk])).status_code == 200
    client.logout()
    return mine, theirs


def test_the_page_is_for_security_officers_only(client, applicant, staff, officer):
    assert client.get(PAGE).status_code == 302  # to the login page
    for user in (applicant, staff):
        client.force_login(user)
        assert client.get(PAGE).status_code == 403
    client.force_login(officer)
    page = client.get(PAGE).content.decode()
    assert "Аудит персональных данных" in page and "хранятся 1095 дней" in page


def test_search_by_subject_shows_only_that_persons_data(client, officer, history, applicant, other_applicant):
    mine, theirs = history
    client.force_login(officer)
    page = client.get(PAGE, {"subject": applicant.username}).content.decode()
    assert mine.number in page and theirs.number not in page
    assert "Квитанция" in page or "квитанция" in page


def test_search_by_actor_shows_what_they_did(client, officer, history, other_applicant, applicant):
    client.force_login(officer)
    rows = client.get(PAGE, {"actor": other_applicant.email}).context["rows"]
    assert rows and all(row["entry"].actor == other_applicant for row in rows)


def test_search_by_inn_finds_the_person(client, officer):
    person = ApplicantFactory(username="ip-person", applicant_type="entrepreneur")
    person.profile.inn = "500100732259"
    person.profile.save()
    client.force_login(officer)
    rows = client.get(PAGE, {"subject": "500100732259", "kind": "changes"}).context["rows"]
    assert rows and {row["subject"] for row in rows} == {person}
    assert any("500100732259" in " ".join(row["details"]) for row in rows)


def test_a_wrong_period_gets_a_russian_message_and_keeps_the_input(client, officer):
    client.force_login(officer)
    response = client.get(PAGE, {"actor": "кто-то", "date_from": "2026-05-01", "date_to": "2026-04-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Начало периода позже его конца" in page and 'value="кто-то"' in page
    response = client.get(PAGE, {"date_from": "вчера"})
    assert response.status_code == 200 and "Введите правильную дату" in response.content.decode()


def test_nobody_can_change_or_delete_audit_rows(client, officer, admin_user, history):
    count = LogEntry.objects.count()
    entry = LogEntry.objects.first()
    client.force_login(officer)
    assert client.post(PAGE, {"delete": entry.pk}).status_code == 405
    assert LogEntry not in admin.site._registry
    assert not [model for model in admin.site._registry if issubclass(model, LogEntry)]
    with pytest.raises(NoReverseMatch):
        reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    client.force_login(admin_user)
    for url in (f"/admin/auditlog/logentry/{entry.pk}/delete/", f"/admin/auditlog/logentry/{entry.pk}/change/",
                "/admin/auditlog/logentry/", f"/admin/audit/auditentry/{entry.pk}/delete/"):
        assert client.post(url, {"post": "yes"}).status_code == 404
    assert LogEntry.objects.count() == count and LogEntry.objects.filter(pk=entry.pk).exists()


def test_rows_older_than_the_retention_period_are_purged(settings, history, applicant):
    settings.AUDIT_RETENTION_DAYS = 365
    kept = LogEntry.objects.count()
    old = LogEntry.objects.log_create(applicant, force_log=True, action=LogEntry.Action.ACCESS,
                                      timestamp=timezone.now() - datetime.timedelta(days=366))
    assert purge_old_audit_entries() == 1
    assert LogEntry.objects.count() == kept and not LogEntry.objects.filter(pk=old.pk).exists()


def test_the_database_refuses_to_change_or_delete_audit_rows(history, applicant):
    from django.db import DatabaseError, connection, transaction

    entry = LogEntry.objects.filter(actor=applicant).first()
    if connection.vendor != "postgresql":  # development's SQLite: the portal offers no way (tests above)
        assert connection.vendor == "sqlite"
        return
    for attempt in (lambda: LogEntry.objects.filter(pk=entry.pk).update(changes_text="подделка"),
                    lambda: LogEntry.objects.filter(pk=entry.pk).update(actor=None, remote_addr="10.0.0.1"),
                    lambda: LogEntry.objects.filter(pk=entry.pk).delete()):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    assert LogEntry.objects.get(pk=entry.pk).changes_text == entry.changes_text


def test_a_deleted_actor_leaves_their_rows_with_their_e_mail(client, officer):
    person = ApplicantFactory(username="leaving")
    client.force_login(person)
    client.get(reverse("accounts:settings"))
    entry = LogEntry.objects.get(actor=person, action=LogEntry.Action.ACCESS)
    client.logout()
    person.delete()
    entry.refresh_from_db()
    assert entry.actor is None and entry.actor_email == person.email
