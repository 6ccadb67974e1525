"""Issue 12 §4: every admin page follows its parent's access. A staff member of another branch, given
every permission but "see every branch", walks every registered admin (admin.site._registry): no
changelist, change, history or delete page shows anything of the first branch's applicant, and the first
branch's rows answer with no page (404, or the admin's redirect for an object it cannot find)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import NoReverseMatch, reverse

from accounts import sample_numbers
from accounts.models import LoginLock, Profile
from accounts.tests.factories import ApplicantFactory, StaffFactory
from appeals.tests.factories import registered
from applications.models import ApplicationSignature
from applications.tests.factories import submitted
from notifications.models import Notification
from portal.tests.factories import BranchFactory
from signing.models import SignatureVerification

pytestmark = pytest.mark.django_db
NAME = "Первоветкина Агата Аркадьевна"
EMAIL = "agata.first-branch@example.ru"
ROWS_PER_MODEL = 15  # change views walked per model besides the first branch's rows


@pytest.fixture
def first_branch():
    """The first branch's applicant with every kind of row the admin registers."""
    branch = BranchFactory(city="Первоград")
    person = ApplicantFactory(username="agata", full_name=NAME, email=EMAIL)
    Profile.objects.filter(user=person).update(snils=sample_numbers.snils("987654321"))
    person.profile.refresh_from_db()
    application = submitted(applicant=person, branch=branch, applicant_name=NAME, email=EMAIL)
    document = application.documents.first()
    signature = ApplicationSignature.objects.create(
        document=document, signature=ContentFile(b"0", name="a.sig"), is_valid=True, signer=f"{NAME}, СНИЛС",
        summary=f"Подписано: {NAME}", report={"signer": NAME}, signed_by=person)
    appeal = registered(person, branch=branch, text=f"Вопрос от {NAME}")
    notification = Notification.objects.create(channel="email", recipient=EMAIL, user=person, template="t",
                                               subject=NAME, body=f"Здравствуйте, {NAME}")
    verification = SignatureVerification.objects.create(
        document_sha256="0" * 64, signature_sha256="0" * 64, is_valid=True, indication="TOTAL_PASSED",
        summary=f"Подпись {NAME} верна", report={}, signer_name=NAME, created_by=person)
    lock = LoginLock.objects.create(key=f"login:{EMAIL}", failures=3)
    rows = [person, EmailAddress.objects.get(user=person), application, signature, appeal, notification,
            verification, lock]
    markers = [NAME, EMAIL, application.number, appeal.number, person.profile.snils]
    return rows, markers


@pytest.fixture
def other_staff(client):
    """Staff of another branch with every permission except the managers' "see every branch"."""
    branch = BranchFactory(city="Второград")
    staff = StaffFactory(username="second-branch-staff")
    staff.staff_branches.add(branch)
    staff.user_permissions.add(*Permission.objects.exclude(codename="view_all_branches"))
    own = submitted(branch=branch, applicant=ApplicantFactory(username="boris", full_name="Второв Борис"))
    client.force_login(staff)
    return own


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _assert_shows_none(response, markers, where):
    assert response.status_code in (200, 302, 403, 404), where
    page = response.content.decode()
    for marker in markers:
        assert marker not in page, f"{where} shows {marker!r}"


def test_the_walk_covers_every_child_row_admin():
    registered_models = {model._meta.label for model in admin.site._registry}
    assert {"applications.ApplicationSignature", "notifications.Notification", "account.EmailAddress",
            "signing.SignatureVerification", "accounts.User"} <= registered_models


def test_staff_of_another_branch_see_nothing_of_the_first_branch_anywhere(client, first_branch, other_staff):
    rows, markers = first_branch
    for model in admin.site._registry:
        changelist = client.get(_url(model, "changelist"))
        _assert_shows_none(changelist, markers, f"{model._meta.label} changelist")
        own_rows = [row for row in rows if isinstance(row, model)]
        others = model._default_manager.exclude(pk__in=[row.pk for row in own_rows])[:ROWS_PER_MODEL]
        for row in [*own_rows, *others]:
            for view in ("change", "history", "delete"):
                try:
                    url = _url(model, view, row.pk)
                except NoReverseMatch:
                    continue
                response = client.get(url)
                _assert_shows_none(response, markers, f"{model._meta.label} {view} {row.pk}")
                if row in own_rows:
                    assert response.status_code != 200, f"{model._meta.label} {view} of the first branch's row"


def test_staff_still_see_their_own_branch(client, first_branch, other_staff):
    for model, needle in [("applications_application", other_staff.number),
                          ("accounts_user", "boris")]:
        page = client.get(reverse(f"admin:{model}_changelist")).content.decode()
        assert needle in page


def test_the_branch_staff_picker_lists_no_applicants(client, first_branch, other_staff):
    branch = other_staff.branch
    page = client.get(_url(type(branch), "change", branch.pk)).content.decode()
    assert "second-branch-staff" in page and NAME not in page and "boris" not in page
