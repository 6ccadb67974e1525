"""The staff's correction of an appeal in the admin (issue 12 §3): a misfiled topic is corrected with a
reason, recorded in the history the applicant sees, and notified; the applicant's text never changes."""

from appeals.models import Appeal, Topic
from portal.workflow_admin import CorrectionForm


class AppealCorrectionForm(CorrectionForm):
    class Meta:
        model = Appeal
        fields = Appeal.correctable_fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The topics the applicant could have chosen: active ones of every city and of the appeal's city.
        topics = Topic.objects.for_branch(self.instance.branch_id).filter(is_active=True)
        self.fields["topic"].queryset = topics | Topic.objects.filter(pk=self.instance.topic_id)
