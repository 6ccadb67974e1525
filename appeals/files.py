"""The appeal files served by portal.files (`/files/<name>`, the admin's links included)."""

from portal import files


def register():
    from appeals.models import Appeal, AppealFile

    files.register(AppealFile, "file", visible=lambda user: AppealFile.objects.filter(
        appeal__in=Appeal.objects.for_applicant(user) | Appeal.objects.for_staff(user)))
