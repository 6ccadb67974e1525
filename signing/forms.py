from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.uploads import MB, human_size

# A detached signature with a whole chain is a few kilobytes; an attached one carries the document.
SIGNATURE_ACCEPT = ".sig,.p7s,.sgn,.p7m,.bin,.txt,.pem"


def max_upload_bytes():
    return settings.UPLOAD_MAX_FILE_MB * MB


class VerifyForm(forms.Form):
    """A document and its signature: a file, or the base64 text the plug-in or another service gave."""

    document = forms.FileField(
        label=gettext_lazy("Signed document"), required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
        help_text=gettext_lazy("Not needed when the signature file contains the document (attached signature)."),
    )
    signature = forms.FileField(
        label=gettext_lazy("Signature file (.sig, .p7s)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": SIGNATURE_ACCEPT, "class": "form-control"}),
    )
    signature_text = forms.CharField(
        label=gettext_lazy("…or the signature as base64 text"), required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "class": "form-control font-monospace small"}),
    )

    def _check_size(self, name):
        upload = self.cleaned_data.get(name)
        if upload and upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("The file “%(name)s” is %(size)s; files up to %(limit)s can be checked.")
                % {"name": upload.name, "size": human_size(upload.size), "limit": human_size(max_upload_bytes())}
            )
        if upload is not None and upload.size == 0:
            raise forms.ValidationError(_("The file “%(name)s” is empty.") % {"name": upload.name})
        return upload

    def clean_document(self):
        return self._check_size("document")

    def clean_signature(self):
        return self._check_size("signature")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        has_file = cleaned.get("signature") is not None
        has_text = bool(cleaned.get("signature_text", "").strip())
        if not has_file and not has_text:
            self.add_error("signature", _("Choose the signature file (.sig or .p7s) or paste its text."))
        elif has_file and has_text:
            self.add_error("signature_text", _("Give the signature once: either a file or text."))
        return cleaned

    def signature_source(self):
        upload = self.cleaned_data.get("signature")
        if upload is not None:
            upload.seek(0)
            return upload.read()
        return self.cleaned_data["signature_text"].strip()


class PluginSignatureForm(forms.Form):
    """What the plug-in signer posts: which document, and the base64 CMS it made."""

    document_id = forms.CharField(max_length=100)
    signature = forms.CharField(max_length=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
