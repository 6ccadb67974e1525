"""Demo data for `make run`: one applicant of each type and one user of each staff role.

Idempotent: running it again resets the demo users' passwords and prints the same table.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts import sample_numbers
from accounts.models import ApplicantType, Profile, User
from accounts.roles import FRONT_OFFICE, MUNICIPAL_REVIEWERS, UTILITY_STAFF
from portal.demo import run_loaders
from portal.models import Branch

DEMO_PASSWORD = "Demo-Portal-2026"

DEMO_USERS = [
    # login, role shown, full name, applicant type, staff group, superuser
    ("fl", "Физическое лицо", "Иванов Иван Иванович", ApplicantType.INDIVIDUAL, None, False),
    ("ul", "Юридическое лицо", "ООО «Тепловой квартал»", ApplicantType.LEGAL, None, False),
    ("ip", "Индивидуальный предприниматель", "Петров Пётр Петрович", ApplicantType.ENTREPRENEUR, None, False),
    ("staff", "Сотрудник (Django admin)", "Сотрудникова Анна Павловна", "", UTILITY_STAFF, False),
    ("reviewer", "Проверяющий муниципалитета", "Проверкин Олег Игоревич", "", MUNICIPAL_REVIEWERS, False),
    ("frontoffice", "Оператор фронт-офиса", "Приёмова Мария Сергеевна", "", FRONT_OFFICE, False),
    ("admin", "Администратор", "Администратор портала", "", None, True),
]

DEMO_BRANCHES = [("belgorod", "Белгород"), ("kursk", "Курск"), ("oryol", "Орёл")]

PROFILES = {
    ApplicantType.INDIVIDUAL: {
        "last_name": "Иванов", "first_name": "Иван", "patronymic": "Иванович",
        "birth_date": datetime.date(1985, 4, 12), "passport_series": "1404", "passport_number": "123456",
        "snils": sample_numbers.snils("112233445"), "address": "г. Белгород, ул. Победы, д. 5, кв. 7",
    },
    ApplicantType.LEGAL: {
        "org_full_name": "Общество с ограниченной ответственностью «Тепловой квартал»",
        "org_short_name": "ООО «Тепловой квартал»", "inn": sample_numbers.inn_legal("312300012"),
        "kpp": "312301001", "ogrn": sample_numbers.ogrn("103310000012"),
        "legal_address": "г. Белгород, пр-т Славы, д. 10", "postal_address": "г. Белгород, пр-т Славы, д. 10",
        "head_name": "Сидоров Сидор Сидорович", "head_position": "Генеральный директор",
    },
    ApplicantType.ENTREPRENEUR: {
        "last_name": "Петров", "first_name": "Пётр", "patronymic": "Петрович",
        "inn": sample_numbers.inn_person("3123000123"), "ogrnip": sample_numbers.ogrnip("31931230000012"),
        "address": "г. Курск, ул. Ленина, д. 3",
    },
}


class Command(BaseCommand):
    help = "Create or refresh the demo users and print their logins and passwords."

    def handle(self, *args, **options):
        with transaction.atomic():
            users = {}
            for index, (login, _role, name, applicant_type, group, superuser) in enumerate(DEMO_USERS):
                users[login] = self._demo_user(index, login, name, applicant_type, group, superuser)
            self._demo_branches(users)
            run_loaders(users, self.stdout)
        # Printed after the commit, so the demo's console e-mails do not scroll the logins away.
        self._print_table(users)

    def _demo_branches(self, users):
        for order, (slug, city) in enumerate(DEMO_BRANCHES):
            branch, _created = Branch.objects.update_or_create(
                slug=slug, defaults={"city": city, "name": f"Филиал «{city}»", "order": order})
            branch.staff.add(users["staff"])

    def _demo_user(self, index, login, name, applicant_type, group, superuser):
        user, _created = User.objects.get_or_create(username=login)
        user.email = f"{login}@demo.portal.local"
        user.full_name = name
        user.applicant_type = applicant_type
        user.phone = f"+7900000000{index}"
        user.phone_confirmed_at = user.phone_confirmed_at or timezone.now()
        user.is_staff = superuser or group == UTILITY_STAFF
        user.is_superuser = superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=user.email,
                                              defaults={"verified": True, "primary": True})
        if group:
            user.groups.add(Group.objects.get(name=group))
        if applicant_type:
            Profile.objects.update_or_create(user=user, defaults=PROFILES[applicant_type])
        return user

    def _print_table(self, users):
        self.stdout.write(self.style.SUCCESS("\nDemo users (password for all: %s)" % DEMO_PASSWORD))
        for login, role, name, *_rest in DEMO_USERS:
            self.stdout.write(f"  {login:<12} {role:<32} {name}")
        # Accounts the apps' demo loaders made (e.g. the organisation with an agreement in force).
        listed = {row[0] for row in DEMO_USERS}
        for login, user in users.items():
            if login not in listed:
                self.stdout.write(f"  {login:<12} {getattr(user, 'demo_role', ''):<32} {user.display_name}")
        self.stdout.write("Portal: http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/\n")
