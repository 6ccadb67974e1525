"""Demo applications: for each demo applicant a draft and a submitted application in review."""

from django.core.files.base import ContentFile

from applications.models import Application, Kind, LoadUnit, Reason, Status, SupplyType
from applications.models.documents import REQUIRED_SLOTS
from applications.services import application_start, document_add
from portal.models import Branch
from portal.pdf import render_pdf


def _sample_pdf(title):
    upload = ContentFile(render_pdf(title=title, rows=[("Демонстрационный документ", title)]), name=f"{title}.pdf")
    upload.content_type = "application/pdf"
    return upload


def load_demo_applications(users, stdout):
    branch = Branch.objects.order_by("order").first()
    for login in ("fl", "ul", "ip"):
        applicant = users[login]
        if Application.objects.filter(applicant=applicant).exists():
            continue
        submitted, _created = application_start(applicant=applicant, branch=branch, kind=Kind.TECHNICAL_CONDITIONS,
                                                 supply_type=SupplyType.HEAT)
        _fill(submitted)
        for slot in REQUIRED_SLOTS[Kind.TECHNICAL_CONDITIONS]:
            document_add(application=submitted, uploaded_file=_sample_pdf(slot), slot=slot, actor=applicant)
        submitted.submit(actor=applicant)
        submitted.take_into_review(actor=users["staff"])
        application_start(applicant=applicant, branch=branch, kind=Kind.CONNECTION_CONTRACT,
                          supply_type=SupplyType.COLD_WATER)
    stdout.write(f"Demo applications: {Application.objects.exclude(status=Status.DRAFT).count()} submitted.")


def _fill(application):
    application.update_draft(values={
        "object_address": "г. Белгород, ул. Садовая, д. 12", "cadastral_number": "31:16:0101001:1234",
        "object_purpose": "Индивидуальный жилой дом", "reason": Reason.NEW_CONSTRUCTION, "max_load": "0.0250",
        "load_unit": LoadUnit.GCAL_H})
