"""The submission receipt (issue 4): number, date, contents and the legal deadline for the answer."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def receipt_rows(application):
    submitted = timezone.localtime(application.submitted_at)
    rows = [
        (_("Application number"), application.number),
        (_("Submitted"), formats.date_format(submitted, "DATETIME_FORMAT")),
        (_("Applicant"), application.applicant_name),
        (_("City"), application.branch.city),
        (_("Application type"), application.get_kind_display()),
        (_("Supply type"), application.get_supply_type_display()),
        (_("Address of the object"), application.object_address),
        (_("Cadastral number of the land plot"), application.cadastral_number),
        (_("Maximum load"), f"{formats.number_format(application.max_load)} {application.get_load_unit_display()}"
         if application.max_load is not None else "—"),
        (_("Completeness check by"), formats.date_format(application.due_date, "DATE_FORMAT")
         if application.due_date else "—"),
        (_("Final answer due by"), formats.date_format(application.answer_due_date, "DATE_FORMAT")
         if application.answer_due_date else "—"),
    ]
    from applications.simple_signing import act_of

    act = act_of(application)
    if act is not None:
        moment = formats.date_format(timezone.localtime(act.signed_at), "DATETIME_FORMAT")
        text = _("signed with a simple e-signature, act No. %(number)s of %(moment)s") % {"number": act.pk,
                                                                                         "moment": moment}
        if act.method == "esia":
            text += _(", the signer confirmed through Gosuslugi (ESIA)")
        rows.append((_("Signature"), text))
    documents = [f"{document.get_slot_display()}: {document.original_name}" for document in application.documents.all()]
    return rows, documents


def receipt_pdf(application):
    from portal.pdf import render_pdf  # the PDF library is loaded only when a receipt is made

    rows, documents = receipt_rows(application)
    return render_pdf(
        title=_("Receipt of application %(number)s") % {"number": application.number},
        subtitle=application.branch.name,
        rows=rows,
        paragraphs=[_("Attached documents:")] + (documents or [_("none")]),
        footer=_("The deadline is counted in working days of the production calendar from the day of submission."),
    )
