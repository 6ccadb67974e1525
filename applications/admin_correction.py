"""The staff's correction of an application's details in the admin (issue 12 §3): the applicant's data
is read-only on the change form; «Исправить данные» (portal.workflow_admin) names the reason and becomes
a history row with the old and new values that the applicant sees, and a notice to them."""

from applications.choices import CORRECTABLE_FIELDS
from applications.forms import ApplicationForm
from portal.workflow_admin import CorrectionForm


class ApplicationCorrectionForm(CorrectionForm, ApplicationForm):
    """The applicant's fields as the applicant's own form has them (phone, decimal comma, units)."""

    class Meta(ApplicationForm.Meta):
        fields = CORRECTABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["correction_reason"].required = True  # ApplicationForm makes every field optional
