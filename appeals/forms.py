from django import forms
from django.utils.translation import gettext_lazy as _

from appeals.models import ReplyTemplate, Topic
from appeals.models.appeal import ANSWER_MAX_LENGTH, TEXT_MAX_LENGTH
from appeals.services import check_uploads
from applications.models import Application
from applications.models import Status as ApplicationStatus
from portal.models import Branch
from portal.upload_limits import check_file_count
from portal.uploads import ACCEPT_ATTRIBUTE


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files, each checked by portal.uploads (type by content, sizes) in the form."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        kwargs.setdefault("error_messages", {"empty": _("The file is empty.")})
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        check_file_count(files)
        files = [super(MultipleFileField, self).clean(item, initial) for item in files]
        check_uploads(files)
        return files


class OptionDataSelect(forms.Select):
    """A select whose options carry data attributes for the page script (CSP: no inline data)."""

    def __init__(self, *args, option_data=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_data = option_data or (lambda obj: {})

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"].update(self.option_data(instance))
        return option


def _files_help():
    return _("Optional. PDF, JPEG, PNG, TIFF, DOC/DOCX, XLS/XLSX, ODT/ODS, ZIP, SIG/P7S; several files may be chosen.")


class AppealForm(forms.Form):
    """Seed 001 table 9 and seed 003 fig. 15: the city, a topic, the text, files, an own application."""

    branch = forms.ModelChoiceField(label=_("City"), queryset=Branch.objects.filter(is_active=True),
                                    empty_label=_("Choose the city"),
                                    error_messages={"required": _("Choose the city the appeal is addressed to.")})
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.filter(is_active=True).select_related("branch"),
        empty_label=_("Choose the topic"),
        widget=OptionDataSelect(option_data=lambda topic: {"data-branch": topic.branch_id or ""}),
        error_messages={"required": _("Choose the topic of the appeal.")})
    text = forms.CharField(label=_("Text of the question"), max_length=TEXT_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           error_messages={"required": _("Write the text of the appeal.")})
    application = forms.ModelChoiceField(
        label=_("Application it concerns"), required=False, queryset=Application.objects.none(),
        empty_label=_("No application"),
        error_messages={"invalid_choice": _("Choose one of your own applications.")})
    files = MultipleFileField(label=_("Files"), help_text=_files_help())

    def __init__(self, *args, applicant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = (Application.objects.for_applicant(applicant)
                                               .exclude(status=ApplicationStatus.DRAFT))
        self.fields["application"].label_from_instance = lambda app: f"{app.number} · {app.get_kind_display()}"
        branches = self.fields["branch"].queryset
        if len(branches) == 1:
            self.fields["branch"].initial = branches[0].pk


    def clean(self):
        cleaned = super().clean()
        topic, branch = cleaned.get("topic"), cleaned.get("branch")
        if topic and branch and topic.branch_id not in (None, branch.pk):
            self.add_error("topic", _("This topic belongs to another city: choose a topic of %(city)s.")
                           % {"city": branch.city})
        return cleaned


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("Text of the message"), max_length=TEXT_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Write the text of the message.")})
    files = MultipleFileField(label=_("Files"), help_text=_files_help())


REPLACE_TEXT_QUESTION = _("Replace the text typed in the answer box with the template?")


class AnswerForm(forms.Form):
    """The staff answer: a reply template of the topic fills the box (appeals/appeals.js), staff edit it."""

    template = forms.ModelChoiceField(
        label=_("Reply template"), required=False, queryset=ReplyTemplate.objects.none(),
        empty_label=_("Without a template"),
        widget=OptionDataSelect(attrs={"data-fills": "id_answer-text", "data-confirm": REPLACE_TEXT_QUESTION},
                                option_data=lambda template: {"data-text": template.text}))
    text = forms.CharField(label=_("Text of the answer"), max_length=ANSWER_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 10}),
                           error_messages={"required": _("Write the answer: an empty answer cannot be sent.")})
    files = MultipleFileField(label=_("Files of the answer"), help_text=_files_help())

    def __init__(self, *args, appeal, **kwargs):
        kwargs.setdefault("prefix", "answer")
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ReplyTemplate.objects.filter(topic_id=appeal.topic_id)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("New note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Seen by the staff only, never by the applicant."),
                           error_messages={"required": _("Write the text of the note.")})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "note")
        super().__init__(*args, **kwargs)


class TakeIntoWorkForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
