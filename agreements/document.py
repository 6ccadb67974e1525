"""The agreement's text: rendered once from the current template version and kept on the agreement."""

import hashlib

from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.pdf import render_pdf

REQUISITE_FIELDS = ("org_full_name", "org_short_name", "inn", "kpp", "ogrn", "legal_address", "postal_address",
                    "signer_position", "authority_document", "email")


def template_context(agreement):
    context = {name: getattr(agreement, name) for name in REQUISITE_FIELDS}
    context.update(signer_name=agreement.signer_name, phone=str(agreement.phone),
                   ogrn_label="ОГРН" if agreement.kind == "legal" else "ОГРНИП",
                   date=timezone.localdate().strftime("%d.%m.%Y"))
    return context


def render_text(template, agreement):
    """Plain text, no HTML escaping: it is shown in <pre> and signed byte for byte."""
    body = Template("{% autoescape off %}" + template.body + "{% endautoescape %}")
    text = body.render(Context(template_context(agreement))).strip() + "\n"
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def agreement_pdf(agreement):
    """The same text laid out on A4 for reading and printing; the signed document is the text itself."""
    paragraphs = [line for line in agreement.text.splitlines() if line.strip()]
    return render_pdf(title=agreement.template.title, subtitle=str(agreement), rows=[], paragraphs=paragraphs,
                      footer=_("SHA-256 of the agreement text: %(hash)s") % {"hash": agreement.text_sha256})
