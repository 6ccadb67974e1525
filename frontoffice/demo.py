"""Demo front-office services: each connection application kind for each supply type, and an appeal, in the
first city."""

from appeals.models import Topic
from applications.models import Kind, SupplyType
from frontoffice.models import CaseType, Service
from portal.models import Branch

NAMES = {Kind.TECHNICAL_CONDITIONS: "Выдача технических условий", Kind.CONNECTION_CONTRACT: "Договор о подключении"}
DOCUMENTS = "Заявление\nДоверенность представителя\nПравоустанавливающие документы на земельный участок\n" \
            "Ситуационный план объекта"


def load_demo_services(users, stdout):
    branch = Branch.objects.order_by("order").first()
    if branch is None or Service.objects.exists():
        return
    order = 0
    for kind in Kind:
        for supply in SupplyType:
            order += 1
            Service.objects.create(name=f"{NAMES[kind]}: {supply.label}", kind=kind, supply_type=supply,
                                   branch=branch, executor=users.get("staff"), required_documents=DOCUMENTS,
                                   order=order)
    topic = Topic.objects.order_by("pk").first()
    if topic:
        Service.objects.create(name=f"Обращение: {topic}", case_type=CaseType.APPEAL, appeal_topic=topic,
                               branch=branch, executor=users.get("staff"), required_documents="Заявление",
                               order=order + 1)
    stdout.write(f"Demo front-office services: {Service.objects.count()}.")
