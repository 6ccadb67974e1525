import pytest
from django.urls import reverse

from accounts.models import Profile
from applications.models import Application, ApplicationDocument, Kind, Status, SupplyType
from applications.tests.factories import ApplicationFactory, pdf_upload, submitted, with_documents
from portal.tests.factories import BranchFactory
from portal.tests.queries import query_counts

pytestmark = pytest.mark.django_db


def url(name, application, *extra):
    return reverse(f"applications:{name}", args=[application.pk, *extra])


# --- access -----------------------------------------------------------------------------------------

def every_url(application):
    document = application.documents.first()
    return [
        ("get", url("detail", application)), ("post", url("save", application)), ("get", url("history", application)),
        ("get", url("receipt_page", application)), ("get", url("receipt_pdf", application)),
        ("post", url("document_upload", application)), ("get", url("documents_zip", application)),
        ("get", url("document_download", application, document.pk)),
        ("post", url("document_delete", application, document.pk)),
        ("post", url("withdraw", application)), ("post", url("draft_delete", application)),
    ]


def test_another_applicant_gets_404_on_every_url(client, applicant, other_applicant):
    application = submitted(applicant)
    client.force_login(other_applicant)
    for method, address in every_url(application):
        assert getattr(client, method)(address).status_code == 404, address
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.documents.count() == 3


def test_anonymous_visitors_are_sent_to_login(client, applicant):
    application = submitted(applicant)
    for method, address in every_url(application):
        response = getattr(client, method)(address)
        assert response.status_code == 302 and "/accounts/login/" in response.url


# --- drafts -------------------------------------------------------------------------------------------

def test_choosing_city_kind_and_supply_creates_a_prefilled_draft_or_opens_it(client, applicant):
    branch = BranchFactory()
    client.force_login(applicant)
    data = {"branch": branch.pk, "kind": Kind.CONNECTION_CONTRACT, "supply_type": SupplyType.COLD_WATER}
    first = client.post(reverse("applications:new"), data)
    application = Application.objects.get()
    assert first.url == url("detail", application)
    assert application.applicant_name == "Иванов Иван Иванович" and application.phone == applicant.phone
    second = client.post(reverse("applications:new"), data, follow=True)
    assert Application.objects.count() == 1
    assert "уже есть черновик" in second.content.decode()


@pytest.mark.parametrize("data,field", [({"kind": "tu", "supply_type": "heat"}, "branch"),
                                        ({"branch": "999", "kind": "tu", "supply_type": "heat"}, "branch"),
                                        ({"kind": "x"}, "kind")])
def test_a_bad_start_form_gets_a_message(client, applicant, data, field):
    client.force_login(applicant)
    response = client.post(reverse("applications:new"), data)
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not Application.objects.exists()


def form_data(application, **changes):
    data = {"applicant_name": application.applicant_name, "phone": "+7 912 000-00-00", "email": "a@example.ru",
            "object_address": "г. Курск", "cadastral_number": "46:29:0102001:77", "object_purpose": "Склад",
            "reason": "new", "max_load": "1,5", "load_unit": "gcal_h", "planned_commissioning": "",
            "delivery_method": "account", "comment": ""}
    data.update(changes)
    return data


def test_a_draft_is_saved_half_filled(client, applicant):
    application = ApplicationFactory(applicant=applicant, object_address="")
    client.force_login(applicant)
    response = client.post(url("save", application), form_data(application, object_address="", max_load=""))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.cadastral_number == "46:29:0102001:77"


@pytest.mark.parametrize("field,value", [("cadastral_number", "12345"), ("max_load", "-1"), ("max_load", "много"),
                                         ("load_unit", "kw"), ("phone", "123"), ("email", "nope"),
                                         ("planned_commissioning", "2000-01-01"), ("applicant_name", "")])
def test_bad_fields_are_explained_and_nothing_saved_is_lost(client, applicant, field, value):
    application = ApplicationFactory(applicant=applicant)
    client.force_login(applicant)
    response = client.post(url("save", application), form_data(application, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Application.objects.get(pk=application.pk).object_address == application.object_address


# --- submission gate -------------------------------------------------------------------------------------

def test_an_incomplete_profile_sends_the_applicant_to_the_profile(client, applicant):
    application = with_documents(ApplicationFactory(applicant=applicant))
    Profile.objects.filter(user=applicant).update(snils="")
    client.force_login(applicant)
    response = client.post(url("save", application), {**form_data(application), "submit": "1"}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:profile"))
    assert "Заполните профиль" in response.content.decode() and "СНИЛС" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT


def test_missing_documents_are_listed_and_the_draft_stays(client, applicant):
    application = ApplicationFactory(applicant=applicant)
    client.force_login(applicant)
    response = client.post(url("save", application), {**form_data(application), "submit": "1"})
    page = response.content.decode()
    assert "Заявку пока нельзя подать" in page and "Ситуационный план объекта" in page
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT


def test_a_complete_application_is_submitted_with_a_receipt(client, applicant):
    application = with_documents(ApplicationFactory(applicant=applicant))
    client.force_login(applicant)
    response = client.post(url("save", application), {**form_data(application), "submit": "1"}, follow=True)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    page = response.content.decode()
    assert application.number in page and "Сформирована" in page
    pdf = client.get(url("receipt_pdf", application))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


# --- documents ----------------------------------------------------------------------------------------------

def test_a_file_uploads_as_json_for_the_page_script(client, applicant):
    application = ApplicationFactory(applicant=applicant)
    client.force_login(applicant)
    response = client.post(url("document_upload", application),
                           {"slot": "land_title", "file": pdf_upload("../../Выписка ЕГРН.pdf")},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["ok"]
    document = ApplicationDocument.objects.get()
    assert document.original_name == "Выписка ЕГРН.pdf" and document.file_kind == "pdf"
    assert application.events.get().documents.get() == document


def test_a_png_pretending_to_be_a_pdf_is_refused_and_nothing_is_lost(client, applicant):
    application = with_documents(ApplicationFactory(applicant=applicant))
    client.force_login(applicant)
    fake = pdf_upload("план.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    response = client.post(url("document_upload", application), {"slot": "other", "file": fake},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and response.json()["error"]
    assert application.documents.count() == 3


def test_a_plain_form_upload_without_javascript_works_and_reports_errors(client, applicant):
    application = ApplicationFactory(applicant=applicant)
    client.force_login(applicant)
    response = client.post(url("document_upload", application), {"slot": "other", "file": pdf_upload()}, follow=True)
    assert "загружен" in response.content.decode()
    response = client.post(url("document_upload", application), {"slot": "other"}, follow=True)
    assert "Выберите файл" in response.content.decode()
    assert application.documents.count() == 1


def test_documents_cannot_change_after_submission(client, applicant):
    application = submitted(applicant)
    client.force_login(applicant)
    response = client.post(url("document_upload", application), {"slot": "other", "file": pdf_upload()},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    client.post(url("document_delete", application, application.documents.first().pk))
    assert application.documents.count() == 3


def test_all_documents_download_as_one_zip(client, applicant):
    import io
    import zipfile

    application = submitted(applicant)
    client.force_login(applicant)
    response = client.get(url("documents_zip", application))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == ["authority.pdf", "land_title.pdf", "situation_plan.pdf"]


# --- list ---------------------------------------------------------------------------------------------------

def test_the_list_filters_by_kind_status_supply_and_period(client, applicant, other_applicant):
    heat = submitted(applicant)
    water = ApplicationFactory(applicant=applicant, kind=Kind.CONNECTION_CONTRACT, supply_type=SupplyType.COLD_WATER)
    submitted(other_applicant)
    client.force_login(applicant)
    listed = lambda **query: [row.pk for row in client.get(reverse("applications:list"), query).context["page_obj"]]  # noqa: E731
    assert set(listed()) == {heat.pk, water.pk}
    assert listed(kind="contract") == [water.pk]
    assert listed(status="submitted") == [heat.pk]
    assert listed(supply_type="heat") == [heat.pk]
    assert listed(date_from="2000-01-01", date_to="2000-12-31") == []


def test_a_reversed_period_is_explained(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("applications:list"), {"date_from": "2026-12-01", "date_to": "2026-01-01"})
    assert "позже его конца" in response.content.decode()


def test_the_list_makes_the_same_number_of_queries_for_any_number_of_rows(client, applicant):
    client.force_login(applicant)
    submitted(applicant)
    one, many = query_counts(client, reverse("applications:list"), lambda: submitted(applicant), times=12)
    assert many == one


def test_an_application_page_makes_the_same_number_of_queries_with_a_long_history(client, applicant, staff):
    application = submitted(applicant)
    client.force_login(applicant)

    def more_history():
        application.request_correction(actor=staff, comment="Ещё раз")
        application.resubmit(actor=applicant)

    few, many = query_counts(client, url("detail", application), more_history, times=5)
    assert many == few


def test_withdrawing_records_the_comment(client, applicant):
    application = submitted(applicant)
    client.force_login(applicant)
    client.post(url("withdraw", application), {"comment": "Объект продан"})
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert application.events.last().comment == "Объект продан"


def test_the_history_rows_render_as_the_events_themselves(applicant, staff):
    """applications.listing.history_rows reads the history with values(); the shared history table
    must come out exactly as it does from the model instances: labels, authors (full name, first and
    last name, login, none), a corrected-details row and the files of each row."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from accounts.tests.factories import StaffFactory
    from applications.listing import history_rows
    from applications.models import ApplicationEvent

    application = submitted(applicant)
    application.request_correction(actor=staff, comment="Нужен план 1:500\nи выписка")
    application.resubmit(actor=applicant)
    named = StaffFactory(username="petrova", full_name="", first_name="Анна", last_name="Петрова")
    unnamed = StaffFactory(username="login-only", full_name="", first_name="", last_name="")
    first = application.events.first()
    first.documents.add(*application.documents.all())
    ApplicationEvent.objects.create(application=application, from_status="submitted", to_status="submitted",
                                    actor=named, comment="Исправлен адрес", changes={"object_address": ["a", "b"]})
    ApplicationEvent.objects.create(application=application, from_status="submitted", to_status="under_review",
                                    actor=unnamed)
    ApplicationEvent.objects.create(application=application, from_status="under_review", to_status="annulled")
    with translation.override("ru"):
        expected = render_to_string("partials/history_table.html", {
            "events": application.events.select_related("actor").prefetch_related("documents")})
        lean = render_to_string("partials/history_table.html", {"events": history_rows(application)})
    assert lean == expected
    assert all(text in lean for text in ("Анна Петрова", "login-only", "Исправление данных", "и выписка",
                                         application.documents.first().original_name))
    # portal.history_html writes the same table in Python (issue 18): the same HTML but for the
    # whitespace between tags, for the light rows and the model instances, in both languages, with
    # the other pages' labels too.
    import re

    from portal.history_html import history_table_html

    def tags_only(html):
        return re.sub(r">\s+<", "><", html).strip()

    ApplicationEvent.objects.create(application=application, from_status="annulled", to_status="annulled",
                                    comment="<script>x</script>\nвторая строка")  # files only, no author

    for language in ("ru", "en"):
        with translation.override(language):
            for labels in ({}, {"other_label": "Сообщение <заявителя>", "nobody_label": "организация"}):
                template = tags_only(render_to_string("partials/history_table.html", {
                    "events": application.events.select_related("actor"), **labels}))
                assert tags_only(history_table_html(history_rows(application), **labels)) == template
                other = "Сообщение &lt;заявителя&gt;" if labels else {"ru": "Документы", "en": "Documents"}[language]
                assert "&lt;script&gt;" in template and f'<td class="fw-semibold">{other}</td>' in template
                assert tags_only(history_table_html(application.events.all(), **labels)) == template
            assert tags_only(history_table_html([])) == tags_only(render_to_string("partials/history_table.html",
                                                                                   {"events": []}))
