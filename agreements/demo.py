"""Demo organisation: the account `org` (a management company) with an accepted interaction agreement,
so served-address notices and house passports can be tried at once. Idempotent."""

from allauth.account.models import EmailAddress

from accounts import sample_numbers
from accounts.models import ApplicantType, User
from agreements import services
from agreements.choices import OrganisationKind, Status
from agreements.models import Agreement
from agreements.organisation import _fill_profile

LOGIN = "org"
REQUISITES = {
    "kind": OrganisationKind.LEGAL,
    "org_full_name": "Общество с ограниченной ответственностью «Управляющая компания „Белый город“»",
    "org_short_name": "ООО «УК „Белый город“»", "inn": sample_numbers.inn_legal("312300077"),
    "kpp": "312301001", "ogrn": sample_numbers.ogrn("103310000077"),
    "legal_address": "г. Белгород, ул. Щорса, д. 8", "postal_address": "г. Белгород, ул. Щорса, д. 8",
    "signer_last_name": "Белгородцев", "signer_first_name": "Борис", "signer_patronymic": "Борисович",
    "signer_position": "Генеральный директор", "authority_document": "Устав",
    "email": "org@demo.portal.local", "phone": "+79000000077",
}


def load_demo_organisation(users, stdout):
    from portal.management.commands.load_demo import DEMO_PASSWORD

    user = demo_organisation()
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    user.demo_role = "Организация с соглашением"  # printed in load_demo's table of logins
    users[LOGIN] = user


def demo_organisation():
    """The `org` account with its agreement in force, made through the agreement's own transitions."""
    user, _created = User.objects.get_or_create(username=LOGIN)
    if services.agreement_in_force_for(user) is None:
        _conclude(user)
    return user


def _conclude(user):
    reviewer = User.objects.filter(groups__name="Municipal reviewers").first()
    agreement = Agreement.objects.filter(inn=REQUISITES["inn"], status=Status.DRAFT).first() or \
        services.agreement_start(requisites=REQUISITES)
    agreement.submit(signature=b"", report={}, summary="",
                     comment="Демонстрационные данные: подпись не проверялась.")
    _make_account(user, agreement)
    agreement.accept(actor=reviewer, account_for=lambda locked: user)


def _make_account(user, agreement):
    user.email = agreement.email
    user.full_name = f"{agreement.signer_last_name} {agreement.signer_first_name}"
    user.applicant_type = ApplicantType.LEGAL
    user.phone = agreement.phone
    user.save()
    _fill_profile(user, agreement)
    EmailAddress.objects.update_or_create(user=user, email=agreement.email,
                                          defaults={"verified": True, "primary": True})
