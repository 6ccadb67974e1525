"""Use cases of information systems and delegations (seed 002), for the organisation's pages, the
reviewer's pages and the API. Refusals a person should read raise IntegrationRefused."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.services import agreement_in_force_for, expected_signer, is_qualified, organisation_signature_check
from integrations.choices import DelegationStatus, InformationKind, SystemKind, SystemStatus
from integrations.models import (  # noqa: F401 - IntegrationRefused is raised through this module too
    ApiNonce,
    Delegation,
    IdempotentResponse,
    InformationSystem,
    IntegrationRefused,
    SystemCertificate,
    SystemOperator,
)
from integrations.text import render_application_text, render_renewal_text
from signing.certificates import CertificateFileError, read_certificates
from signing.cms.identity import identity_from_certificate
from signing.services import SignOutcome, certificate_check, signer_matches

SYSTEM_FIELDS = ["kind", "full_name", "short_name", "information_kinds", "region", "oktmo", "admin_last_name",
                 "admin_first_name", "admin_patronymic", "admin_position", "admin_phone", "admin_email"]


def is_system_operator(organisation):
    return SystemOperator.objects.filter(organisation=organisation).exists()


def operator_grant(*, organisation, actor):
    """Give an organisation account the «Оператор ИС» function (seed 002); granting twice is harmless."""
    if agreement_in_force_for(organisation) is None:
        raise IntegrationRefused(_("The organisation has no interaction agreement in force."))
    return SystemOperator.objects.get_or_create(organisation=organisation, defaults={"granted_by": actor})[0]


def _require_agreement(organisation):
    agreement = agreement_in_force_for(organisation)
    if agreement is None:
        raise IntegrationRefused(_("The organisation has no interaction agreement in force."))
    return agreement


def certificate_problems(info, agreement, *, now=None):
    """Russian sentences for what makes `info` (a CertificateInfo) unfit as the system's certificate:
    not qualified (63-FZ art. 5 p. 4; FSB order 795 fields), outside its validity, or not the operator's."""
    now = now or timezone.now()
    identity = identity_from_certificate(info)
    problems = []
    if not is_qualified(identity):
        problems.append(_("The certificate is not a qualified one."))
    if not (info.not_before <= now <= info.not_after):
        problems.append(_("The certificate is not valid now (valid from %(start)s to %(end)s).")
                        % {"start": f"{info.not_before:%d.%m.%Y}", "end": f"{info.not_after:%d.%m.%Y}"})
    match = signer_matches(identity, expected_signer(agreement))
    if not match.matches:
        problems.append(_("The certificate does not belong to the operator: %(reason)s") % {"reason": match.reason})
    if not problems:
        # The path to a trusted root and revocation, as a signature made with the key now would be checked.
        chain = certificate_check(info.der, at=now)
        if not chain.valid:
            problems.append(chain.summary)
    return problems


def read_system_certificate(data, agreement):
    """The one certificate in an uploaded .cer (DER or PEM), checked; IntegrationRefused otherwise."""
    try:
        found = read_certificates(data)
    except CertificateFileError as error:
        raise IntegrationRefused(str(error)) from error
    # A .p7b exported "with the chain" holds the CA certificates too: the system's is the one that is no CA.
    own = [info for info in found if not info.is_ca] if len(found) > 1 else found
    if len(own) != 1:
        raise IntegrationRefused(_("The file must contain exactly one certificate, the system's own."))
    problems = certificate_problems(own[0], agreement)
    if problems:
        raise IntegrationRefused(" ".join(problems))
    return own[0]


def _certificate_row(system, info):
    return SystemCertificate(system=system, der=info.der, sha256=hashlib.sha256(info.der).hexdigest(),
                             serial=info.serial_hex, issuer=info.issuer_text[:500], subject=info.subject_text[:500],
                             not_before=info.not_before, not_after=info.not_after)


def system_draft_delete(*, system):
    """An unsent application may be dropped (a wrong certificate, a typo): nothing of it was signed."""
    with transaction.atomic():
        locked = system.locked()
        if locked.status != SystemStatus.DRAFT:
            raise IntegrationRefused(_("Only an application that has not been sent can be deleted."))
        locked.certificates.all().delete()
        locked.events.all().delete()
        locked.delete()


def system_start(*, operator, certificate_data, **fields):
    """A draft application registering an information system of `operator` with its certificate; the
    text to sign is rendered at once. A commercial system needs the «Оператор ИС» function."""
    agreement = _require_agreement(operator)
    if fields["kind"] == SystemKind.COMMERCIAL and not is_system_operator(operator):
        raise IntegrationRefused(_("Only an organisation with the «IS operator» function may register a "
                                   "commercial system; ask the municipality to grant it."))
    info = read_system_certificate(certificate_data, agreement)
    now = timezone.now()
    system = InformationSystem(operator=operator, operator_name=agreement.org_short_name, operator_inn=agreement.inn,
                               security_confirmed_at=now, agreement_confirmed_at=now,
                               **{name: fields[name] for name in SYSTEM_FIELDS})
    certificate = _certificate_row(system, info)
    system.text, system.text_sha256 = render_application_text(system, certificate)
    with transaction.atomic():
        system.save()
        certificate.system = system
        certificate.save()
    return system


def _signed_with(report, certificate):
    """Whether the (first) signer of a verified report used `certificate` (a SystemCertificate)."""
    signers = report.signers if report is not None else []
    identity = signers[0].identity if signers else None
    return identity is not None and identity.serial == certificate.serial and identity.issuer == certificate.issuer


def _check_system_signature(system, content, data, certificate):
    outcome, report = organisation_signature_check(organisation=system.operator, content=content, data=data)
    if outcome.valid and not _signed_with(report, certificate):
        return SignOutcome(False, _("The text must be signed with the key of the system's certificate "
                                    "(serial number %(serial)s).") % {"serial": certificate.serial}), report
    return SignOutcome(outcome.valid, outcome.summary), report


def system_sign(*, system, data):
    """Verify `data` (a detached CMS signature made with the system's key) over the application text;
    a valid one sends the application for review. Anything else changes nothing and says why."""
    if system.status != SystemStatus.DRAFT:
        return SignOutcome(False, _("The application has already been signed and sent."))
    outcome, report = _check_system_signature(system, system.text_bytes, data, system.certificate)
    if outcome.valid:
        system.submit(signature=data, report=report.to_dict(), summary=outcome.summary)
    return outcome


def system_activate(*, system, actor):
    return system.activate(actor=actor)


def _reason(reason):
    if not (reason or "").strip():
        raise IntegrationRefused(_("Give the reason."))
    return reason.strip()


def system_reject(*, system, actor, reason):
    return system.reject(actor=actor, reason=_reason(reason))


def system_block(*, system, actor, reason):
    return system.block(actor=actor, reason=_reason(reason))


def system_unblock(*, system, actor):
    return system.unblock(actor=actor)


def renewal_text(system, certificate_data):
    """(CertificateInfo, text) the operator signs with the new key to replace the system's certificate."""
    info = read_system_certificate(certificate_data, _require_agreement(system.operator))
    text, _sha = render_renewal_text(system, _certificate_row(system, info))
    return info, text


def system_renew_certificate(*, system, certificate_data, text, data):
    """Replace the active system's certificate: `data` signs `text` (from renewal_text) with the new key.
    The old certificate is kept with the time it was replaced; the history names both."""
    info, expected_text = renewal_text(system, certificate_data)
    if text != expected_text:
        raise IntegrationRefused(_("The statement has changed since it was prepared; prepare it again."))
    new = _certificate_row(system, info)
    outcome, _report = _check_system_signature(system, text.encode("utf-8"), data, new)
    if not outcome.valid:
        return outcome
    old = system.certificate
    comment = _("Certificate %(old)s replaced with %(new)s.") % {"old": old.serial if old else "—", "new": new.serial}
    system.renew_certificate(certificate=new, comment=comment)
    return outcome


# --- Delegations ---------------------------------------------------------------------------------------

def delegation_problems(*, system, information_kinds, starts_on, ends_on):
    problems = []
    unknown = [kind for kind in information_kinds if kind not in system.information_kinds]
    if not information_kinds:
        problems.append(_("Choose at least one kind of information."))
    elif unknown:
        problems.append(_("The system does not receive: %(kinds)s.")
                        % {"kinds": ", ".join(str(InformationKind(k).label) for k in unknown
                                              if k in InformationKind.values) or ", ".join(unknown)})
    if ends_on is not None and starts_on is not None and ends_on < starts_on:
        problems.append(_("The rights cannot end before they start."))
    return problems


def delegation_create(*, organisation, system, information_kinds, starts_on, ends_on=None):
    """A request granting `system` rights for `information_kinds` from `starts_on` (until `ends_on`).
    Rights given to the organisation's own system need no one else's consent and are accepted at once."""
    agreement = _require_agreement(organisation)
    if not InformationSystem.objects.delegable(organisation).filter(pk=system.pk).exists():
        raise IntegrationRefused(_("Rights can be given only to an active own system or to an active "
                                   "commercial system."))
    problems = delegation_problems(system=system, information_kinds=information_kinds, starts_on=starts_on,
                                   ends_on=ends_on)
    if problems:
        raise IntegrationRefused(" ".join(problems))
    with transaction.atomic():
        delegation = Delegation.objects.create(organisation=organisation, org_name=agreement.org_short_name,
                                               inn=agreement.inn, ogrn=agreement.ogrn, system=system,
                                               information_kinds=list(dict.fromkeys(information_kinds)),
                                               starts_on=starts_on, ends_on=ends_on)
        delegation.notify_move(delegation.record_move(old_status="", actor=organisation, comment=""))
        if system.operator_id == organisation.pk:
            delegation_accept(delegation=delegation, actor=organisation)
    return delegation


def delegation_accept(*, delegation, actor):
    return delegation.accept(actor=actor)


def delegation_reject(*, delegation, actor, reason):
    return delegation.reject(actor=actor, reason=_reason(reason))


def delegation_revoke(*, delegation, actor, reason=""):
    return delegation.revoke(actor=actor, reason=(reason or "").strip())


def delegation_status_label(delegation, today=None):
    """What the lists show: the status, or «Срок истёк» / «Не началось» for accepted rights out of force."""
    today = today or timezone.localdate()
    if delegation.status == DelegationStatus.ACCEPTED and not delegation.in_force_on(today):
        return _("Expired") if delegation.ends_on and delegation.ends_on < today else _("Not yet in force")
    return delegation.get_status_display()


def api_records_purge(*, now=None):
    """Delete accepted request ids older than twice the clock window (such a request fails the signing-time
    check anyway, so forgetting it opens no replay) and idempotent answers older than
    INTEGRATIONS_IDEMPOTENCY_HOURS. Returns (request ids, answers) deleted."""
    now = now or timezone.now()
    window = timedelta(seconds=2 * settings.INTEGRATIONS_CLOCK_WINDOW_SECONDS)
    requests, _ = ApiNonce.objects.filter(created_at__lt=now - window).delete()
    answers, _ = IdempotentResponse.objects.filter(
        created_at__lt=now - timedelta(hours=settings.INTEGRATIONS_IDEMPOTENCY_HOURS)).delete()
    return requests, answers
