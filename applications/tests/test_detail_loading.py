"""The application pages' reads with SQL the ORM wrote once per process (applications.detail_loading)
against the querysets they stand for: the same instances, the same access rule, the same 404s."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from applications.detail_loading import applicant_application
from applications.models import Application
from applications.tests.factories import ApplicationFactory, submitted

pytestmark = pytest.mark.django_db


def _values(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_the_application_is_the_querysets_with_its_branch_and_documents(applicant):
    application = submitted(applicant)
    expected = Application.objects.select_related("branch").prefetch_related("documents").get(pk=application.pk)
    with CaptureQueriesContext(connection) as queries:
        loaded = applicant_application(applicant, application.pk, documents=True)
    assert len(queries) == 2
    with CaptureQueriesContext(connection) as queries:  # all of it came with the two queries
        branch, documents = loaded.branch, list(loaded.documents.all())
        owners = {document.application for document in documents}
    assert len(queries) == 0
    assert _values(loaded) == _values(expected)
    assert type(loaded.phone) is type(expected.phone) and type(loaded.max_load) is type(expected.max_load)
    assert _values(branch) == _values(expected.branch)
    assert [_values(document) for document in documents] == [_values(d) for d in expected.documents.all()]
    assert len(documents) > 1 and owners == {loaded} and next(iter(owners)) is loaded
    assert not loaded._state.adding and loaded._state.db == "default"


def test_without_documents_it_is_one_query_and_they_are_read_when_asked(applicant):
    application = submitted(applicant)
    with CaptureQueriesContext(connection) as queries:
        loaded = applicant_application(applicant, application.pk)
    assert len(queries) == 1
    assert list(loaded.documents.all()) == list(application.documents.all())


def test_someone_elses_or_no_application_is_a_404(applicant, other_applicant):
    mine, theirs = ApplicationFactory(applicant=applicant), ApplicationFactory(applicant=other_applicant)
    assert applicant_application(applicant, mine.pk) == mine
    for user, pk in ((applicant, theirs.pk), (other_applicant, mine.pk), (AnonymousUser(), mine.pk),
                     (applicant, 10**6), (applicant, 10**30)):  # 10**30: beyond bigint, still only "none"
        with pytest.raises(Http404):
            applicant_application(user, pk, documents=True)


def test_the_page_of_an_application_with_documents_answers_from_the_loaded_rows(client, applicant):
    application = submitted(applicant)
    client.force_login(applicant)
    response = client.get(f"/applications/{application.pk}/")
    assert response.status_code == 200
    for document in application.documents.all():
        assert document.original_name in response.content.decode()


def test_the_kept_withdrawal_form_is_what_crispy_renders_for_an_empty_form():
    from django.template import engines
    from django.utils import translation

    from applications.forms import CommentForm
    from applications.views import _withdraw_form_html

    template = engines["django"].from_string("{% load crispy_forms_tags %}{{ form|crispy }}")
    for language in ("ru", "en", "ru"):
        with translation.override(language):
            assert _withdraw_form_html() == template.render({"form": CommentForm()})
    assert 'name="comment"' in _withdraw_form_html()
