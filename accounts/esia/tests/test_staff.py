"""Staff and ESIA (issue 15): a staff member may log in through ESIA, but the second factor still applies
(ESIA is not counted as it: the portal's staff MFA stays the safer rule), and an ESIA login never grants
staff rights nor merges into an existing account by itself."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.esia import services
from accounts.esia.models import OrganisationLink
from accounts.esia.testing import data
from accounts.esia.tests.helpers import act_for_organisation, login_through_esia
from accounts.models import User
from accounts.tests.factories import LegalApplicantFactory, StaffFactory, UserFactory, totp_code

pytestmark = pytest.mark.django_db
MFA_AUTHENTICATE, MFA_REQUIRED = reverse("mfa_authenticate"), reverse("accounts:mfa_required")


def _link(user):
    return SocialAccount.objects.create(user=user, provider="esia", uid=data.PERSON_OID,
                                        extra_data={"oid": data.PERSON_OID, "person": {"trusted": True}})


def test_a_staff_member_logging_in_through_esia_still_gives_the_second_factor(client, esia):
    staff = StaffFactory(username="clerk")
    _link(staff)
    response = login_through_esia(client, esia)
    assert response.status_code == 302 and response["Location"] == MFA_AUTHENTICATE
    assert "_auth_user_id" not in client.session
    assert client.get("/staff/")["Location"].startswith(reverse("account_login"))
    response = client.post(MFA_AUTHENTICATE, {"code": totp_code()})
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == staff.pk
    # A staff session acts for nobody: no person, no organisations, no ESIA identification.
    assert services.ACTING_PERSON_KEY not in client.session and services.IDENTIFIED_KEY not in client.session
    assert client.get(reverse("accounts:esia:choose"))["Location"] == reverse("home")
    assert client.get(reverse("accounts:esia:org_start", args=[data.ORG_OIDS[0]])).status_code == 404


def test_a_staff_member_without_a_second_factor_must_enrol_after_esia(client, esia):
    clerk = UserFactory(username="clerk", is_staff=True)
    _link(clerk)
    login_through_esia(client, esia)
    assert int(client.session["_auth_user_id"]) == clerk.pk
    assert client.get("/staff/")["Location"] == MFA_REQUIRED


def test_an_esia_login_grants_no_staff_rights(client, esia):
    login_through_esia(client, esia)
    person = User.objects.get(username=f"esia-{data.PERSON_OID}")
    assert not (person.is_staff or person.is_superuser) and not person.groups.exists()
    act_for_organisation(client, esia, data.ORG_OIDS[0])
    organisation = OrganisationLink.objects.get().account
    assert not (organisation.is_staff or organisation.is_superuser) and not organisation.groups.exists()


def test_an_existing_staff_account_with_the_same_email_is_not_taken_over(client, esia):
    staff = StaffFactory(username="petrov-staff", email="petrov@example.ru")
    groups = set(staff.groups.values_list("name", flat=True))
    login_through_esia(client, esia)
    person = User.objects.get(username=f"esia-{data.PERSON_OID}")
    assert person.pk != staff.pk and int(client.session["_auth_user_id"]) == person.pk
    assert not SocialAccount.objects.filter(user=staff).exists()
    staff.refresh_from_db()
    assert set(staff.groups.values_list("name", flat=True)) == groups and staff.full_name != person.full_name


def test_acting_for_an_organisation_never_logs_in_to_a_privileged_account(client, esia):
    privileged = LegalApplicantFactory(username="vodokanal-admin", is_staff=True)
    privileged.profile.ogrn = data.ORGANISATIONS[data.ORG_OIDS[0]]["ogrn"]
    privileged.profile.save()
    grouped = LegalApplicantFactory(username="vodokanal-clerk")
    grouped.profile.inn = data.ORGANISATIONS[data.ORG_OIDS[0]]["inn"]
    grouped.profile.save()
    grouped.groups.add(Group.objects.first())
    login_through_esia(client, esia)
    act_for_organisation(client, esia, data.ORG_OIDS[0])
    account = OrganisationLink.objects.get().account
    assert account.pk not in (privileged.pk, grouped.pk)
    assert int(client.session["_auth_user_id"]) == account.pk


def test_a_staff_member_links_esia_while_logged_in_and_keeps_their_rights(client, esia):
    from accounts.esia.tests.helpers import authorisation_url, callback, consent
    from accounts.tests.helpers import log_in_recently

    staff = StaffFactory(username="clerk")
    groups = set(staff.groups.values_list("name", flat=True))
    log_in_recently(client, staff)
    callback(client, consent(esia, authorisation_url(client, process="connect")))
    assert SocialAccount.objects.get(provider="esia").user == staff
    assert not User.objects.filter(username__startswith="esia-").exists()
    staff.refresh_from_db()
    assert staff.is_staff and set(staff.groups.values_list("name", flat=True)) == groups
    assert services.ACTING_PERSON_KEY not in client.session
