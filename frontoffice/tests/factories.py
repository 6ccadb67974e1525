import factory
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import FRONT_OFFICE
from accounts.tests.factories import StaffFactory, UserFactory, enrol_totp
from applications.tests.factories import PDF_BYTES
from frontoffice.models import Service, ServiceDocument
from portal.tests.factories import BranchFactory

POWER_OF_ATTORNEY, SITE_PLAN = "Доверенность представителя", "Ситуационный план"


def distinct_pdf(name):
    """A PDF upload named `name` whose bytes differ from every other name's: the same file attached
    twice is refused (frontoffice.forms.Attachments)."""
    return SimpleUploadedFile(name, PDF_BYTES + f"\n% {name}\n".encode(), content_type="application/pdf")


def front_office_operator(username="operator", branch=None):
    """An operator of the Front office group, on the staff of `branch` when given (ServiceFactory also
    puts every existing operator on its service's branch unless told otherwise)."""
    user = UserFactory(username=username, full_name="Сидорова Анна Петровна")
    user.groups.add(Group.objects.get_or_create(name=FRONT_OFFICE)[0])
    enrol_totp(user)  # staff have a second factor (issue 11), or every page sends them to enrol
    if branch is not None:
        branch.staff.add(user)
    return user


class ServiceFactory(factory.django.DjangoModelFactory):
    """A connection service of the Белгород branch with its executor (utility staff of that branch) and two
    required documents. operators=[...] names the operators of its branch; by default every existing
    front-office operator is put on it."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = "Выдача технических условий на подключение к водопроводу"
    kind = "tu"
    supply_type = "cold_water"
    branch = factory.SubFactory(BranchFactory)
    executor = factory.SubFactory(StaffFactory, username="executor")

    @factory.post_generation
    def staff(service, create, extracted, **kwargs):
        if create and service.executor_id:
            service.branch.staff.add(service.executor)

    @factory.post_generation
    def operators(service, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = UserFactory._meta.model.objects.filter(groups__name=FRONT_OFFICE)
        service.branch.staff.add(*extracted)

    @factory.post_generation
    def documents(service, create, extracted, **kwargs):
        if create:
            for order, name in enumerate(extracted if extracted is not None else (POWER_OF_ATTORNEY, SITE_PLAN)):
                ServiceDocument.objects.create(service=service, name=name, order=order,
                                               is_personal=name == POWER_OF_ATTORNEY)
