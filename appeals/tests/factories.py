import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from appeals.models import ReplyTemplate, Topic
from appeals.services import appeal_register
from portal.tests.factories import BranchFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_upload(name="вопрос.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Тема {n}")


class ReplyTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReplyTemplate

    topic = factory.SubFactory(TopicFactory)
    title = "Стандартный ответ"
    text = "Здравствуйте! По вашему вопросу сообщаем следующее."


def registered(applicant, *, branch=None, topic=None, text="Когда подключат дом?", uploads=(), application=None):
    """An appeal sent through the same service the form uses."""
    return appeal_register(applicant=applicant, branch=branch or BranchFactory(), topic=topic or TopicFactory(),
                           text=text, uploads=list(uploads), application=application)


def answered(applicant, staff, **fields):
    from appeals.services import appeal_answer

    appeal = registered(applicant, **fields)
    appeal.take_into_work(actor=staff)
    appeal_answer(appeal=appeal, actor=staff, text="Ответ сотрудника", uploads=[pdf_upload("ответ.pdf")])
    appeal.refresh_from_db()
    return appeal
