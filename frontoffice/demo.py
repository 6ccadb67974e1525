"""Demo front-office services: each connection application kind for each supply type, and an appeal, in the
first city."""

from appeals.models import Topic
from applications.models import Kind, SupplyType
from frontoffice.models import CaseType, Service, ServiceDocument
from portal.models import Branch

NAMES = {Kind.TECHNICAL_CONDITIONS: "Выдача технических условий", Kind.CONNECTION_CONTRACT: "Договор о подключении"}
PERSONAL_DOCUMENT = "Доверенность представителя"  # it carries the representative's passport data
DOCUMENTS = ("Заявление", PERSONAL_DOCUMENT, "Правоустанавливающие документы на земельный участок",
             "Ситуационный план объекта")


def load_demo_services(users, stdout):
    branch = Branch.objects.order_by("order").first()
    if branch is None:
        return
    if users.get("frontoffice"):  # an operator receives documents for the cities they are on the staff of
        branch.staff.add(users["frontoffice"])
    if Service.objects.exists():
        return
    order = 0
    for kind in Kind:
        for supply in SupplyType:
            order += 1
            service = Service.objects.create(name=f"{NAMES[kind]}: {supply.label}", kind=kind,
                                             supply_type=supply, branch=branch, executor=users.get("staff"),
                                             required_fields=["address_detail"], order=order)
            _documents(service, DOCUMENTS)
    topic = Topic.objects.order_by("pk").first()
    if topic:
        service = Service.objects.create(name=f"Обращение: {topic}", case_type=CaseType.APPEAL,
                                         appeal_topic=topic, branch=branch, executor=users.get("staff"),
                                         required_fields=["comment"], order=order + 1)
        _documents(service, ("Заявление",))
    stdout.write(f"Demo front-office services: {Service.objects.count()}.")


def _documents(service, names):
    ServiceDocument.objects.bulk_create([ServiceDocument(service=service, name=name, order=index,
                                                         is_personal=name == PERSONAL_DOCUMENT)
                                         for index, name in enumerate(names)])
