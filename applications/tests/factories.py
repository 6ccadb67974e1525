import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.models import Application, Kind, LoadUnit, Reason, SupplyType
from applications.models.documents import REQUIRED_SLOTS
from portal.tests.factories import BranchFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_upload(name="документ.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft with every required field filled in (documents are added by `with_documents`)."""

    class Meta:
        model = Application

    applicant = factory.SubFactory("accounts.tests.factories.ApplicantFactory")
    branch = factory.SubFactory(BranchFactory)
    kind = Kind.TECHNICAL_CONDITIONS
    supply_type = SupplyType.HEAT
    applicant_name = factory.LazyAttribute(lambda a: a.applicant.full_name)
    phone = "+79120000000"
    email = "applicant@example.ru"
    object_address = "г. Белгород, ул. Садовая, д. 12"
    cadastral_number = "31:16:0101001:1234"
    object_purpose = "Жилой дом"
    reason = Reason.NEW_CONSTRUCTION
    max_load = "0.25"
    load_unit = LoadUnit.GCAL_H
    planned_commissioning = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=365))


def with_documents(application):
    from applications.services import document_add

    for slot in REQUIRED_SLOTS[Kind(application.kind)]:
        document_add(application=application, uploaded_file=pdf_upload(f"{slot}.pdf"), slot=slot,
                     actor=application.applicant)
    return application


def submitted(applicant=None, **fields):
    application = ApplicationFactory(**({"applicant": applicant} if applicant else {}), **fields)
    with_documents(application)
    application.submit(actor=application.applicant)
    return application


def tiny_png():
    return io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
