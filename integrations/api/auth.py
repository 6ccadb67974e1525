"""Authentication of an information system's request (issue 16; seed 002: the system signs what it
sends with the qualified key of its registered certificate).

A request carries:
- `X-IS-Id`: the system identifier (UUID) given on activation;
- `X-Provider-Id`: the information-provider identifier of the organisation it acts for (from the
  accepted delegation);
- `X-Signature`: a detached CMS signature (CAdES-BES, GOST R 34.10-2012) of the raw body, base64 — what
  the CryptoPro plug-in or `openssl cms -sign -binary -outform DER | base64 -w0` gives.

Replay protection uses what the signature itself binds: its signingTime (a signed attribute) must be
within API_CLOCK_WINDOW_SECONDS of the portal's clock, and the signature (its SHA-256, a nonce no client
can reuse, since a GOST signature is randomised) is accepted once.
"""

import base64
import binascii
import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from integrations.api.errors import refusal
from integrations.choices import DelegationStatus, InformationKind, SystemStatus
from integrations.models import ApiNonce, Delegation, InformationSystem
from signing.services import verify_detached

HASH_FAILURE = "HASH_FAILURE"


@dataclass
class Caller:
    """Who is calling: the system, the signature of this request (DER) and its verification report."""

    system: InformationSystem
    signature: bytes
    report: object
    delegation: Delegation | None = None

    @property
    def organisation(self):
        return self.delegation.organisation


def _uuid_header(request, name):
    value = request.headers.get(name, "").strip()
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _signature(request):
    text = request.headers.get("X-Signature", "").strip()
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise refusal("signature_unreadable") from None


def _rate_limit(system):
    """A fixed one-minute window per system (the cache is shared by all app servers)."""
    limit = settings.INTEGRATIONS_RATE_LIMIT_PER_MINUTE
    key = f"integrations:rate:{system.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, 120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        count = 1
    if count > limit:
        raise refusal("rate_limited")


def _verify(system, body, signature):
    report = verify_detached(body, signature)
    if not report.valid:
        if report.subindication == HASH_FAILURE:
            raise refusal("body_changed")
        raise refusal("signature_invalid", reason=report.summary)
    certificate = system.certificate
    identity = report.signers[0].identity if report.signers else None
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


def _once(system, signature):
    try:
        with transaction.atomic():
            ApiNonce.objects.create(system=system, signature_sha256=hashlib.sha256(signature).hexdigest())
    except IntegrityError:
        raise refusal("replayed_request") from None


def _delegation(request, system, kind):
    provider = _uuid_header(request, "X-Provider-Id")
    if provider is None:
        raise refusal("provider_missing")
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
    return delegation


def authenticate(request, *, kind=None, provider=True):
    """The Caller of a signed request, or ApiError with the first reason it is refused.

    `kind` (an InformationKind) is the kind of information the operation sends or reads; `provider=False`
    for operations that act for no organisation (the address register).
    """
    system_id = _uuid_header(request, "X-IS-Id")
    if system_id is None or not request.headers.get("X-Signature"):
        raise refusal("signature_missing")
    system = InformationSystem.objects.select_related("operator").filter(identifier=system_id).first()
    if system is None:
        raise refusal("system_unknown")
    if system.status != SystemStatus.ACTIVE:
        raise refusal("system_inactive", status=system.get_status_display())
    _rate_limit(system)
    signature = _signature(request)
    report = _verify(system, request.body, signature)
    _once(system, signature)
    caller = Caller(system=system, signature=signature, report=report)
    if provider:
        caller.delegation = _delegation(request, system, kind)
    return caller
