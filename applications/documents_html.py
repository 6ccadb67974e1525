"""The application page's documents card, written in Python (issue 18).

Every visit to an application renders it: through the template (applications/partials/documents.html
until now) its loops, translations, URLs and filters were a third of the page's template time for a
submitted application, and most of an editable draft's after the form. The HTML is the template's,
byte for byte (a test renders the former template as the oracle), whitespace included: texts are
translated with the template's msgids, values escaped, sizes through Django's `filesizeformat`.
"""

from django.template.backends.utils import csrf_input
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop

from portal.html_text import escape

_FORMATS_HELP = gettext_noop("PDF, JPEG, PNG, TIFF, DOC/DOCX, XLS/XLSX, ODT, ZIP, SIG/P7S. "
                             "The file is uploaded as soon as you choose it.")


def documents_html(request, application, slots, upload_form):
    """The documents card of `application`: `slots` as applications.forms.document_slots gives them,
    `upload_form` (a DocumentUploadForm) shown with the delete buttons when the application is editable."""
    editable = application.is_editable
    csrf = csrf_input(request) if editable else ""
    pk = application.pk
    zip_link = (f'<a href="{reverse("applications:documents_zip", args=[pk])}" class="small">'
                f'{escape(gettext("Download all (ZIP)"))}</a>' if application.documents.all() else "")
    items = "".join(f"\n    {_slot_html(pk, item, editable, csrf)}\n  " for item in slots)
    return mark_safe(
        '\n<section class="card card-body shadow-sm" id="documents" aria-labelledby="documents-title">\n'
        '  <div class="d-flex justify-content-between align-items-center mb-2">\n'
        f'    <h2 class="h5 mb-0" id="documents-title">{escape(gettext("Documents"))}</h2>\n'
        f'    {zip_link}\n  </div>\n  <ul class="list-unstyled mb-3 document-slots">\n  {items}\n  </ul>\n'
        f'  {_upload_form_html(pk, upload_form, csrf) if editable else ""}\n</section>\n')


def _slot_html(pk, item, editable, csrf):
    if not (item["documents"] or editable):
        return ""
    mark = " *" if item["required"] else ""
    missing = (f'<span class="badge text-bg-warning ms-1">{escape(gettext("missing"))}</span>'
               if item["required"] and not item["documents"] else "")
    documents = "".join(f"\n      {_document_html(pk, document, editable, csrf)}\n      "
                        for document in item["documents"])
    return (f'\n    <li class="mb-2" data-slot="{escape(item["slot"])}">\n'
            f'      <div class="fw-semibold small">{escape(item["label"])}{mark}\n        {missing}</div>\n'
            f'      {documents}\n    </li>\n    ')


def _document_html(pk, document, editable, csrf):
    name = escape(document.original_name)
    download = reverse("applications:document_download", args=[pk, document.pk])
    delete = ""
    if editable:
        # blocktranslate's way: the translation as it is, the value escaped into it.
        delete = (
            f'\n        <details class="confirm-delete d-inline-block"><summary class="text-danger" '
            f'aria-label="{gettext("Remove %(name)s") % {"name": name}}">✕</summary>\n'
            f'          <form method="post" action="{reverse("applications:document_delete", args=[pk, document.pk])}"'
            f' class="d-inline">{csrf}\n'
            f'            <button type="submit" class="btn btn-danger btn-sm py-0">'
            f'{gettext("Delete %(name)s?") % {"name": name}}</button>\n'
            f'          </form>\n        </details>\n        ')
    return (f'<div class="d-flex align-items-center gap-2 small">\n'
            f'        <a href="{download}">{name}</a>\n'
            f'        <span class="text-secondary">{escape(filesizeformat(document.size))}</span>\n'
            f'        {delete}\n      </div>')


def _upload_form_html(pk, upload_form, csrf):
    return (
        f'\n  <form method="post" action="{reverse("applications:document_upload", args=[pk])}" '
        f'enctype="multipart/form-data" id="upload-form" novalidate\n'
        f'        data-uploading="{escape(gettext("Uploading…"))}" '
        f'data-failed="{escape(gettext("The file could not be uploaded: check the connection and try again."))}">'
        f'{csrf}\n'
        f'    <div class="mb-2">\n'
        f'      <label class="form-label small" for="id_slot">{escape(gettext("Document"))}</label>\n'
        f'      {upload_form["slot"].as_widget()}\n    </div>\n'
        f'    <div class="mb-2">\n'
        f'      <label class="form-label small" for="id_file">{escape(gettext("File"))}</label>\n'
        f'      <input type="file" name="file" id="id_file" class="form-control" '
        f'accept="{escape(upload_form.fields["file"].widget.attrs["accept"])}" aria-describedby="upload-help">\n'
        f'      <div class="form-text" id="upload-help">'
        f'{escape(gettext(_FORMATS_HELP))}'
        f'</div>\n    </div>\n'
        f'    <div class="progress mb-2 d-none" role="progressbar" aria-label="{escape(gettext("Upload progress"))}" '
        f'aria-valuemin="0" aria-valuemax="100" id="upload-progress"><div class="progress-bar"></div></div>\n'
        f'    <div id="upload-status" class="small mb-2" role="status" aria-live="polite"></div>\n'
        f'    <button type="submit" class="btn btn-outline-primary btn-sm" id="upload-button">'
        f'{escape(gettext("Upload"))}</button>\n  </form>\n  ')
