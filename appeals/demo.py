"""Demo appeals: for each demo applicant one answered appeal and one waiting for an answer."""

from appeals.models import Appeal, Topic
from appeals.services import appeal_answer, appeal_register
from portal.models import Branch


def load_demo_appeals(users, stdout):
    branch = Branch.objects.order_by("order").first()
    topic = Topic.objects.for_branch(branch).filter(is_active=True).first()
    if branch is None or topic is None:
        stdout.write("Demo appeals: skipped (no branch or topic).")
        return
    for login in ("fl", "ul", "ip"):
        applicant = users[login]
        if Appeal.objects.filter(applicant=applicant).exists():
            continue
        answered = appeal_register(applicant=applicant, branch=branch, topic=topic,
                                   text="Подскажите, какие документы нужны для подключения жилого дома?")
        answered.take_into_work(actor=users["staff"])
        template = topic.reply_templates.first()
        appeal_answer(appeal=answered, actor=users["staff"],
                      text=template.text if template else "Перечень документов размещён в разделе «Документы».")
        appeal_register(applicant=applicant, branch=branch, topic=topic,
                        text="Когда будет рассмотрена моя заявка на технические условия?")
    stdout.write(f"Demo appeals: {Appeal.objects.count()}.")
