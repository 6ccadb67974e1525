"""Issue 12 §3: the applicant's data is read-only in the admin; a staff correction is a recorded move
with a required reason, old and new values in the history the applicant sees, and a notice."""

import pytest
from django.urls import reverse

from applications.admin import ApplicationAdmin
from applications.models import Application, Status
from applications.tests.factories import submitted
from notifications.models import Notification
from portal.tests.factories import BranchFactory
from portal.workflow import EditNotAllowed, Refused

pytestmark = pytest.mark.django_db

APPLICANT_FIELDS = ("applicant_name", "phone", "email", "object_address", "cadastral_number", "object_purpose",
                    "reason", "max_load", "load_unit", "planned_commissioning", "delivery_method", "comment")


@pytest.fixture
def branch_staff(staff):
    BranchFactory().staff.add(staff)
    return staff


@pytest.fixture
def application(applicant, branch_staff):
    return submitted(applicant, branch=branch_staff.staff_branches.first())


def change_url(application):
    return reverse("admin:applications_application_change", args=[application.pk])


def correct_url(application):
    return reverse("admin:applications_application_correct", args=[application.pk])


@pytest.mark.parametrize("status", ["submitted", "awaiting_signature", "signed"])
def test_the_applicants_data_is_read_only_on_the_admin_change_form(client, applicant, branch_staff, status):
    application = _in_status(applicant, branch_staff, status)
    client.force_login(branch_staff)
    response = client.get(change_url(application))
    assert not set(APPLICANT_FIELDS) & set(response.context["adminform"].form.fields)
    assert 'name="_save"' not in response.content.decode()  # nothing here can be saved


def test_saving_the_change_form_writes_nothing(client, application, branch_staff):
    """The issue's scene: staff changed the name, e-mail and load of a submitted application and saved."""
    client.force_login(branch_staff)
    client.post(change_url(application), {"applicant_name": "Подменённое имя", "email": "staff@example.ru",
                                          "max_load": "99", "_save": "Сохранить"})
    stored = Application.objects.get(pk=application.pk)
    assert (stored.applicant_name, stored.email, stored.max_load) == (application.applicant_name, application.email,
                                                                      application.max_load)
    assert not stored.events.filter(from_status=stored.status, to_status=stored.status).exists()


def test_a_stale_copy_saved_by_the_admin_cannot_undo_a_status_change(rf, application, branch_staff):
    stale = Application.objects.get(pk=application.pk)
    application.withdraw(actor=application.applicant)
    request = rf.post("/")
    request.user = branch_staff
    ApplicationAdmin(Application, None).save_model(request, stale, form=None, change=True)
    assert Application.objects.get(pk=application.pk).status == Status.WITHDRAWN


def test_a_correction_is_recorded_shown_to_the_applicant_and_notified(client, applicant, application, branch_staff):
    old_email = application.email
    client.force_login(branch_staff)
    assert correct_url(application) in client.get(change_url(application)).content.decode()
    page = client.get(correct_url(application))
    data = {**{name: value for name, value in page.context["form"].initial.items() if value is not None},
            "email": "new@example.ru", "max_load": "0,3", "correction_reason": "Опечатка в нагрузке и адресе почты"}
    response = client.post(correct_url(application), data)
    assert response.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert stored.email == "new@example.ru" and str(stored.max_load) == "0.3000"
    assert stored.status == Status.SUBMITTED
    event = stored.events.get(from_status=Status.SUBMITTED, to_status=Status.SUBMITTED, actor=branch_staff)
    assert event.comment.startswith("Данные исправлены сотрудником. Причина: Опечатка в нагрузке")
    assert f"Электронная почта: «{old_email}» → «new@example.ru»" in event.comment
    assert "Максимальная нагрузка: «0,25» → «0,3»" in event.comment
    assert event.changes == {"email": [old_email, "new@example.ru"], "max_load": ["0,25", "0,3"]}
    recipients = set(Notification.objects.filter(template="application_corrected", channel="email")
                     .values_list("recipient", flat=True))
    assert {old_email, "new@example.ru", applicant.email} <= recipients
    assert Notification.objects.filter(template="application_corrected", channel="sms").count() == 1

    client.force_login(applicant)
    history = client.get(reverse("applications:history", args=[application.pk])).content.decode()
    assert "Опечатка в нагрузке" in history and "new@example.ru" in history and old_email in history


def test_a_correction_needs_a_reason_and_a_change(client, application, branch_staff):
    client.force_login(branch_staff)
    initial = {k: v for k, v in client.get(correct_url(application)).context["form"].initial.items() if v is not None}
    response = client.post(correct_url(application), {**initial, "email": "x@example.ru", "correction_reason": " "})
    assert response.status_code == 200 and response.context["form"].errors["correction_reason"]
    response = client.post(correct_url(application), {**initial, "correction_reason": "Ничего"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Application.objects.get(pk=application.pk).email == application.email
    assert not Notification.objects.filter(template="application_corrected").exists()


@pytest.mark.parametrize("status", ["awaiting_signature", "signed", "withdrawn"])
def test_nothing_can_be_corrected_from_the_signing_step_on(client, applicant, branch_staff, status):
    application = _in_status(applicant, branch_staff, status)
    with pytest.raises(EditNotAllowed):
        application.correct(actor=branch_staff, reason="Опечатка", values={"email": "x@example.ru"})
    client.force_login(branch_staff)
    assert correct_url(application) not in client.get(change_url(application)).content.decode()
    response = client.post(correct_url(application), {"email": "x@example.ru", "correction_reason": "Опечатка"})
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).email == application.email


def test_only_the_applicants_details_can_be_corrected(application, branch_staff):
    with pytest.raises(Refused):
        application.correct(actor=branch_staff, reason="Опечатка", values={"status": "completed"})


def test_staff_of_another_branch_cannot_correct(client, application):
    from accounts.tests.factories import StaffFactory

    outsider = StaffFactory(username="outsider")
    BranchFactory(city="Курск", slug="kursk").staff.add(outsider)
    client.force_login(outsider)
    response = client.post(correct_url(application), {"email": "x@example.ru", "correction_reason": "Опечатка"})
    assert response.status_code in (403, 404)
    assert Application.objects.get(pk=application.pk).email == application.email


def _in_status(applicant, staff, status):
    from applications.tests.factories import ApplicationFactory

    branch = staff.staff_branches.first()
    if status == "draft":
        return ApplicationFactory(applicant=applicant, branch=branch)
    application = submitted(applicant, branch=branch)
    if status in ("awaiting_signature", "signed"):
        application.take_into_review(actor=staff)
        application.request_signature(actor=staff)
    if status == "signed":
        application.mark_signed(actor=applicant)
    if status == "withdrawn":
        application.withdraw(actor=applicant)
    return application
