"""The application files served by portal.files (`/files/<name>`, the admin's links included)."""

from django.db.models import Q

from portal import files


def _applications_of(user):
    from applications.models import Application

    return Application.objects.for_applicant(user) | Application.objects.for_staff(user)


def register():
    from applications.models import ApplicationDocument, ApplicationSignature

    files.register(ApplicationDocument, "file", visible=lambda user: ApplicationDocument.objects.filter(
        Q(application__in=_applications_of(user))))
    files.register(ApplicationSignature, "signature", visible=lambda user: ApplicationSignature.objects.filter(
        document__application__in=_applications_of(user)),
        filename=lambda row: f"{row.document.original_name}.sig")
