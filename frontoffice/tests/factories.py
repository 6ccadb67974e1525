import factory
from django.contrib.auth.models import Group

from accounts.roles import FRONT_OFFICE
from accounts.tests.factories import UserFactory, enrol_totp
from frontoffice.models import Service
from portal.tests.factories import BranchFactory


def front_office_operator(username="operator"):
    user = UserFactory(username=username, full_name="Сидорова Анна Петровна")
    user.groups.add(Group.objects.get_or_create(name=FRONT_OFFICE)[0])
    enrol_totp(user)  # staff have a second factor (issue 11), or every page sends them to enrol
    return user


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = "Выдача технических условий на подключение к водопроводу"
    kind = "tu"
    supply_type = "cold_water"
    branch = factory.SubFactory(BranchFactory)
    required_documents = "Доверенность представителя\nСитуационный план"
