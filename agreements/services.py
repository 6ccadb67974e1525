"""Use cases of the agreement (DESIGN.md: services named <entity>_<action>)."""


from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.choices import OrganisationKind, Status
from agreements.document import render_text
from agreements.models import Agreement, AgreementRefused, AgreementTemplate
from agreements.organisation import contact_email_taken, organisation_account_create
from signing.services import (  # noqa: F401 - SignOutcome and is_qualified are used through this module too
    LEGAL_ENTITY,
    SOLE_PROPRIETOR,
    ExpectedSigner,
    SignOutcome,
    is_qualified,
    qualified_signer_outcome,
    verify_detached,
)

EMAIL_TAKEN = gettext_lazy(
                    "The contact e-mail %(email)s already belongs to another portal account, so the organisation's "
                    "account cannot use it: reject the agreement and ask the organisation to conclude it again "
                    "with another contact e-mail.")




def _in_force(inn, ogrn):
    return Agreement.objects.filter(status=Status.ACCEPTED, inn=inn, ogrn=ogrn).first()


def agreement_start(*, requisites):
    """A draft with the current template's text rendered for these requisites."""
    current = _in_force(requisites["inn"], requisites["ogrn"])
    if current is not None:
        raise AgreementRefused(_("The organisation already has an agreement in force (%(number)s of %(date)s).")
                               % {"number": current.number, "date": current.concluded_on.strftime("%d.%m.%Y")})
    template = AgreementTemplate.current()
    if template is None:
        raise AgreementRefused(_("The agreement text has not been published yet. Please try later."))
    agreement = Agreement(template=template, **requisites)
    agreement.text, agreement.text_sha256 = render_text(template, agreement)
    agreement.save()
    return agreement


def expected_signer(agreement):
    kind = LEGAL_ENTITY if agreement.kind == OrganisationKind.LEGAL else SOLE_PROPRIETOR
    return ExpectedSigner(kind=kind, inn=agreement.inn, ogrn=agreement.ogrn)


def agreement_sign(*, agreement, data):
    """Verify `data` over the agreement text; a valid, qualified signature of this organisation submits
    the agreement for review. Anything else changes nothing and says what is wrong."""
    if agreement.status != Status.DRAFT:
        return SignOutcome(False, _("The agreement has already been signed and sent for review."))
    outcome, report = _check_signature(agreement.text_bytes, data, expected_signer(agreement))
    if outcome.valid:
        _submit(agreement, data, report, outcome.summary)
    return outcome


def _check_signature(content, data, expected):
    """(SignOutcome, report): valid only for a qualified certificate of the expected organisation."""
    report = verify_detached(content, data)
    return qualified_signer_outcome(report, expected), report


def agreement_in_force_for(organisation):
    """The organisation account's agreement in force, or None."""
    if not organisation.is_authenticated:
        return None
    return Agreement.objects.filter(organisation=organisation, status=Status.ACCEPTED).first()


def organisation_signature_check(*, organisation, content, data):
    """(SignOutcome, report) for a document an organisation signs under its agreement (served-address
    notices, house passports): the signer must be the organisation of the agreement in force."""
    agreement = agreement_in_force_for(organisation)
    if agreement is None:
        return SignOutcome(False, _("The organisation has no interaction agreement in force.")), None
    return _check_signature(content, data, expected_signer(agreement))


def _submit(agreement, data, report, summary):
    agreement.submit(signature=data, report=report.to_dict(), summary=summary)


def agreement_accept(*, agreement, actor):
    """Number and date the agreement and create the organisation's account, in the transition's
    transaction: the e-mail with the login and the set-password link goes only if all of it commits."""
    current = _in_force(agreement.inn, agreement.ogrn)
    if current is not None:
        raise AgreementRefused(_("The organisation already has an agreement in force (%(number)s): terminate "
                                 "it first.") % {"number": current.number})
    if contact_email_taken(agreement):
        raise AgreementRefused(EMAIL_TAKEN % {"email": agreement.email})
    try:
        return agreement.accept(actor=actor, account_for=organisation_account_create)
    except IntegrityError:
        # Two reviewers accepting two agreements of one organisation at once: the constraint stops one.
        raise AgreementRefused(_("The organisation already has an agreement in force.")) from None


def agreement_reject(*, agreement, actor, reason):
    return agreement.reject(actor=actor, reason=reason)


def agreement_terminate(*, agreement, actor, reason):
    return agreement.terminate(actor=actor, reason=reason)
