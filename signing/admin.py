"""Admin: upload trusted certificates (PEM, DER .cer/.crt, .p7b) and CRLs; fetch CRLs; browse checks.

"Add" is an upload form: one file may hold a whole chain, so it can make several rows at once.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from audit.access import AccessLoggedAdminMixin

from .certificates import (
    CertificateFileError,
    read_certificates,
    read_crls,
    revocation_lists_import,
    trusted_certificates_import,
)
from .crl_fetch import revocation_lists_fetch
from .models import RevocationList, SignatureVerification, SimpleSignatureAct, TrustedCertificate

MAX_TRUST_FILE_BYTES = 50 * 1024 * 1024


class _TrustFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    reader = None  # read_certificates or read_crls

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_TRUST_FILE_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        data = upload.read()
        try:
            type(self).reader(data)
        except CertificateFileError as error:
            raise forms.ValidationError(str(error)) from error
        self.data_bytes = data
        return upload


class CertificateUploadForm(_TrustFileForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=TrustedCertificate.Kind.choices)
    file = forms.FileField(label=gettext_lazy("Certificate file"),
                           help_text=gettext_lazy("PEM (one or more certificates), DER .cer/.crt or a .p7b bundle."))
    reader = staticmethod(read_certificates)


class CrlUploadForm(_TrustFileForm):
    file = forms.FileField(label=gettext_lazy("CRL file"), help_text=gettext_lazy("PEM or DER .crl."))
    reader = staticmethod(read_crls)


class _UploadAdmin(admin.ModelAdmin):
    """The add page is an upload form handled by `import_file`."""

    upload_form = None
    upload_title = ""

    def import_file(self, request, form):
        raise NotImplementedError

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = self.upload_form(request.POST, request.FILES) if request.method == "POST" else self.upload_form()
        if form.is_bound and form.is_valid():
            self.import_file(request, form)
            return redirect(reverse("admin:%s_%s_changelist" % (self.opts.app_label, self.opts.model_name)))
        context = {**self.admin_site.each_context(request), "opts": self.opts, "form": form,
                   "title": self.upload_title, "has_view_permission": True}
        return TemplateResponse(request, "admin/signing/upload.html", context)


@admin.register(TrustedCertificate)
class TrustedCertificateAdmin(_UploadAdmin):
    list_display = ("subject", "kind", "issuer", "serial", "not_before", "not_after", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("subject", "issuer", "serial", "thumbprint", "source_name")
    readonly_fields = ("subject", "issuer", "serial", "not_before", "not_after", "thumbprint", "crl_urls",
                       "source_name", "created_at")
    fields = ("kind", "is_active", *readonly_fields)
    actions = ["fetch_crls"]
    upload_form = CertificateUploadForm
    upload_title = gettext_lazy("Upload trusted certificates")

    def import_file(self, request, form):
        upload = form.cleaned_data["file"]
        result = trusted_certificates_import(form.data_bytes, kind=form.cleaned_data["kind"],
                                             source_name=upload.name)
        self.message_user(request, _("Certificates added: %(created)d, updated: %(updated)d.")
                          % {"created": len(result.created), "updated": len(result.updated)}, messages.SUCCESS)

    @admin.action(permissions=["change"],
                  description=gettext_lazy("Fetch CRLs now (from the selected certificates' distribution points)"))
    def fetch_crls(self, request, queryset):
        urls = sorted({url for row in queryset for url in row.crl_urls})
        if not urls:
            self.message_user(request, _("The selected certificates name no CRL distribution points."),
                              messages.WARNING)
            return
        result = revocation_lists_fetch(urls=urls)
        if result.fetched:
            self.message_user(request, ngettext("%(count)d CRL downloaded.", "%(count)d CRLs downloaded.",
                                                len(result.fetched)) % {"count": len(result.fetched)},
                              messages.SUCCESS)
        for url, reason in result.failed.items():
            self.message_user(request, _("CRL not downloaded from %(url)s: %(reason)s")
                              % {"url": url, "reason": reason}, messages.ERROR)


@admin.register(RevocationList)
class RevocationListAdmin(_UploadAdmin):
    list_display = ("issuer", "this_update", "next_update", "revoked_count", "source_url", "fetched_at")
    list_filter = ("fetched_at",)
    search_fields = ("issuer", "source_url", "fingerprint")
    readonly_fields = ("issuer", "this_update", "next_update", "revoked_count", "source_url", "fetched_at",
                       "fingerprint", "created_at")
    fields = readonly_fields
    upload_form = CrlUploadForm
    upload_title = gettext_lazy("Upload a certificate revocation list")

    def import_file(self, request, form):
        result = revocation_lists_import(form.data_bytes)
        self.message_user(request, _("CRLs added: %(created)d, updated: %(updated)d.")
                          % {"created": len(result.created), "updated": len(result.updated)}, messages.SUCCESS)


@admin.register(SignatureVerification)
class SignatureVerificationAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "document_name", "signer_name", "is_valid", "indication", "subindication",
                    "created_by")
    list_filter = ("is_valid", "indication", "subindication", "created_at")
    search_fields = ("document_name", "signer_name", "document_sha256", "signature_sha256", "summary",
                     "created_by__username")
    list_select_related = ("created_by",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # a record of what was checked: read-only

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.opts.fields]

    def get_queryset(self, request):
        # A report names the signer: staff see the checks of the people they may see (accounts.visibility),
        # superusers every check, anonymous ones included.
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(created_by__in=get_user_model().objects.visible_to_staff(request.user))


@admin.register(SimpleSignatureAct)
class SimpleSignatureActAdmin(admin.ModelAdmin):
    """Acts of signing with a simple e-signature: read-only evidence."""
    list_display = ("pk", "subject", "signer_name", "method", "phone", "signed_at")
    list_filter = ("method",)
    search_fields = ("subject", "signer_name", "phone")

    def get_queryset(self, request):
        # An act names a person and a phone: staff see the acts of the people they may see.
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(user__in=get_user_model().objects.visible_to_staff(request.user))

    readonly_fields = ("subject", "user", "signer_name", "method", "phone", "ip_address", "signed_at", "consent",
                       "documents", "code_sent_at", "code_checked_at", "esia_oid", "esia_trust",
                       "esia_authenticated_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
