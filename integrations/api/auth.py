"""Authentication of an information system's request (issue 16; seed 002: the system signs what it
sends with the qualified key of its registered certificate).

A request carries:
- `X-IS-Id`: the system identifier (UUID) given on activation;
- `X-Provider-Id`: the information-provider identifier of the organisation it acts for (from the
  accepted delegation; not sent to the address register);
- `X-Request-Id`: a fresh UUID per request (the nonce);
- `X-Signature`: a detached CMS signature (CAdES-BES, GOST R 34.10-2012), DER in base64, of the request's
  canonical text (see `canonical_request`): method, path and query, the three identifiers above and the
  SHA-256 of the raw body. So a signature is bound to one request: it cannot serve another path,
  another organisation or another body, and the nonce is accepted once.
- on `…/send`: `X-Document-Signature`, the same kind of signature over the body itself (the notice text or
  the passport content): the document's legal signature, stored with it like a plug-in signature.

The signature's signingTime (a signed attribute) must be within INTEGRATIONS_CLOCK_WINDOW_SECONDS of the
portal's clock; a request id is remembered for twice that window (older ones fail the time check).
"""

import base64
import binascii
import hashlib
import uuid
from dataclasses import dataclass

from asn1crypto import cms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.utils import timezone

from agreements.services import agreement_in_force_for
from integrations.api.errors import ApiError, refusal
from integrations.choices import DelegationStatus, InformationKind, SystemStatus
from integrations.models import ApiNonce, Delegation, InformationSystem
from signing.services import verify_detached

HASH_FAILURE = "HASH_FAILURE"


@dataclass
class Caller:
    """Who is calling: the system and, when it acts for an organisation, the delegation."""

    system: InformationSystem
    delegation: Delegation | None = None

    @property
    def organisation(self):
        return self.delegation.organisation


def canonical_request(request, *, system_id, provider_id, request_id, body):
    """The text X-Signature signs, UTF-8, lines joined by LF and ending with one:
    METHOD, path, query string (as sent), X-IS-Id, X-Provider-Id (empty when none), X-Request-Id,
    hex SHA-256 of the body."""
    return "".join(f"{line}\n" for line in (
        request.method.upper(), request.path, request.META.get("QUERY_STRING", ""), system_id,
        provider_id or "", request_id, hashlib.sha256(body).hexdigest())).encode("utf-8")


def _uuid_header(request, name, *, required=True):
    value = request.headers.get(name, "").strip()
    if not value:
        if required:
            raise refusal("header_missing", header=name)
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise refusal("header_malformed", header=name) from None


def _der(request, header):
    """The DER of a base64 signature header; anything else (PEM, base64 of base64, text) is refused, so one
    signature has one encoding."""
    text = request.headers.get(header, "").strip()
    if not text:
        raise refusal("header_missing", header=header)
    try:
        der = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise refusal("signature_unreadable", header=header) from None
    try:
        # Exactly one DER object, nothing before or after it: one signature has one byte form.
        cms.ContentInfo.load(der, strict=True)
    except ValueError:
        raise refusal("signature_unreadable", header=header) from None
    return der


def _body(request):
    try:
        return request.body
    except RequestDataTooBig:
        raise refusal("body_too_large") from None


def _throttle_failures(request):
    """Refused requests are counted per client address; past the limit they are refused before any
    signature check, so junk cannot cost the verifier (or another system's quota) anything."""
    key = f"integrations:failed:{request.META.get('REMOTE_ADDR', '')}:{int(timezone.now().timestamp() // 60)}"
    if (cache.get(key) or 0) >= settings.INTEGRATIONS_RATE_LIMIT_PER_MINUTE:
        raise refusal("rate_limited")
    return key


def _count_failure(key):
    cache.add(key, 0, 120)
    try:
        cache.incr(key)
    except ValueError:
        pass


def _rate_limit(system):
    """A fixed one-minute window per system, counted only for requests whose signature passed."""
    key = f"integrations:rate:{system.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, 120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        count = 1
    if count > settings.INTEGRATIONS_RATE_LIMIT_PER_MINUTE:
        raise refusal("rate_limited")


def verified_report(system, content, der):
    """The verification report of `der` over `content`, refused unless valid, made by exactly one signer
    with the system's current certificate, with a signing time within the clock window."""
    report = verify_detached(content, der)
    if not report.valid:
        if report.subindication == HASH_FAILURE:
            raise refusal("body_changed")
        raise refusal("signature_invalid", reason=report.summary)
    certificate = system.certificate
    identity = report.signers[0].identity if len(report.signers) == 1 else None
    if certificate is None or identity is None or (identity.serial, identity.issuer) != (certificate.serial,
                                                                                       certificate.issuer):
        raise refusal("certificate_mismatch")
    signed_at = report.signers[0].signing_time
    if signed_at is None:
        raise refusal("signing_time_missing")
    window = settings.INTEGRATIONS_CLOCK_WINDOW_SECONDS
    if abs((timezone.now() - signed_at).total_seconds()) > window:
        raise refusal("signing_time_outside_window", seconds=window)
    return report


def _once(system, request_id):
    try:
        with transaction.atomic():
            ApiNonce.objects.create(system=system, request_id=request_id)
    except IntegrityError:
        raise refusal("replayed_request") from None


def _in_force(organisation, code):
    if agreement_in_force_for(organisation) is None:
        raise refusal(code)


def _delegation(system, provider, kind):
    delegation = Delegation.objects.select_related("organisation").filter(system=system, provider_id=provider).first()
    if delegation is None:
        raise refusal("delegation_unknown")
    if delegation.status == DelegationStatus.REVOKED:
        raise refusal("delegation_revoked")
    if delegation.status != DelegationStatus.ACCEPTED:
        raise refusal("delegation_not_accepted", status=delegation.get_status_display())
    today = timezone.localdate()
    if delegation.starts_on > today:
        raise refusal("delegation_not_started", date=f"{delegation.starts_on:%d.%m.%Y}")
    if delegation.ends_on is not None and delegation.ends_on < today:
        raise refusal("delegation_expired", date=f"{delegation.ends_on:%d.%m.%Y}")
    if kind is not None and kind not in delegation.information_kinds:
        raise refusal("kind_not_granted", kind=InformationKind(kind).label)
    # The rights rest on the organisation's agreement with the municipality (seed 000): none, no rights.
    _in_force(delegation.organisation, "agreement_not_in_force")
    return delegation


def _authenticate(request, kind, provider_required):
    system_id = _uuid_header(request, "X-IS-Id")
    provider = _uuid_header(request, "X-Provider-Id", required=provider_required)
    request_id = _uuid_header(request, "X-Request-Id")
    signature = _der(request, "X-Signature")
    body = _body(request)
    system = InformationSystem.objects.select_related("operator").filter(identifier=system_id).first()
    if system is None:
        raise refusal("system_unknown")
    if system.status != SystemStatus.ACTIVE:
        raise refusal("system_inactive", status=system.get_status_display())
    _in_force(system.operator, "operator_agreement_not_in_force")
    content = canonical_request(request, system_id=system_id, provider_id=provider, request_id=request_id, body=body)
    verified_report(system, content, signature)
    _once(system, request_id)
    _rate_limit(system)
    caller = Caller(system=system)
    if provider is not None:
        caller.delegation = _delegation(system, provider, kind)
    return caller


def authenticate(request, *, kind=None, provider=True):
    """The Caller of a signed request, or ApiError with the first reason it is refused.

    `kind` (an InformationKind) is the kind of information the operation sends or reads; `provider=False`
    for operations that act for no organisation (the address register).
    """
    failures = _throttle_failures(request)
    try:
        return _authenticate(request, kind, provider)
    except ApiError:
        _count_failure(failures)
        raise


def document_signature(request, caller):
    """(DER, report) of X-Document-Signature over the raw body, checked like X-Signature."""
    der = _der(request, "X-Document-Signature")
    return der, verified_report(caller.system, _body(request), der)
