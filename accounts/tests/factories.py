import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import sample_numbers
from accounts.models import ApplicantType, Profile, User
from accounts.roles import MUNICIPAL_REVIEWERS, UTILITY_STAFF

PASSWORD = "Kvadrat-Sinij-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.ru")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and user.email:
            EmailAddress.objects.get_or_create(user=user, email=user.email,
                                               defaults={"verified": True, "primary": True})


class ApplicantFactory(UserFactory):
    """An individual with a confirmed phone and a complete profile."""

    applicant_type = ApplicantType.INDIVIDUAL
    full_name = "Иванов Иван Иванович"
    phone = factory.Sequence(lambda n: f"+7912{n:07d}")
    phone_confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def profile(user, create, extracted, **kwargs):
        if create:
            Profile.objects.update_or_create(user=user, defaults=complete_profile_values(user.applicant_type))


class LegalApplicantFactory(ApplicantFactory):
    applicant_type = ApplicantType.LEGAL
    full_name = "ООО «Ромашка»"


class EntrepreneurFactory(ApplicantFactory):
    applicant_type = ApplicantType.ENTREPRENEUR
    full_name = "Петров Пётр Петрович"


def complete_profile_values(applicant_type):
    if applicant_type == ApplicantType.LEGAL:
        return {"org_full_name": "Общество с ограниченной ответственностью «Ромашка»",
                "org_short_name": "ООО «Ромашка»", "inn": sample_numbers.inn_legal(), "kpp": "770701001",
                "ogrn": sample_numbers.ogrn(), "legal_address": "г. Москва, ул. Ленина, д. 1",
                "postal_address": "г. Москва, ул. Ленина, д. 1", "head_name": "Сидоров Сидор Сидорович",
                "head_position": "Генеральный директор"}
    person = {"last_name": "Иванов", "first_name": "Иван", "patronymic": "Иванович",
              "address": "г. Белгород, ул. Победы, д. 5, кв. 7"}
    if applicant_type == ApplicantType.ENTREPRENEUR:
        return {**person, "inn": sample_numbers.inn_person(), "ogrnip": sample_numbers.ogrnip()}
    return {**person, "birth_date": datetime.date(1985, 4, 12), "passport_series": "1404",
            "passport_number": "123456", "snils": sample_numbers.snils()}


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrol_totp(user, secret=TOTP_SECRET):
    """Staff must have a second factor (accounts.mfa); tests log them in with `totp_code(secret)`."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import encrypt

    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP,
                                        defaults={"data": {"secret": encrypt(secret)}})


def totp_code(secret=TOTP_SECRET, offset_periods=0):
    """The code an authenticator app shows now (allauth's own HOTP helper, RFC 6238).

    Near the end of a 30 s period it waits for the next one, as a person would: a code typed in the last
    moment reaches the portal in the next period, where (with no tolerance) it no longer counts."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if offset_periods == 0 and time.time() % 30 > 26:
        time.sleep(30.5 - time.time() % 30)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset_periods))


class StaffMemberFactory(UserFactory):
    """Base of the staff personas: enrolled in TOTP (mfa=False leaves them to enrol)."""

    @factory.post_generation
    def mfa(user, create, extracted, **kwargs):
        if create and extracted is not False:
            enrol_totp(user)


class StaffFactory(StaffMemberFactory):
    is_staff = True
    full_name = "Сотрудникова Анна Павловна"

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=UTILITY_STAFF))


class ReviewerFactory(StaffMemberFactory):
    full_name = "Проверяющий Олег Игоревич"

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=MUNICIPAL_REVIEWERS))
