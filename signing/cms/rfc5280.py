"""RFC 5280 §6.1 basic path validation of a path the verifier built, by pyhanko-certvalidator (a
maintained validator) with the portal's signature code as its plug-in, so GOST R 34.10 links are
checked too (asn1crypto and `cryptography` know no GOST).

It covers what our own checks do not spell out: certificate policies (§6.1.3 (d)-(f), §6.1.4 (a)-(j):
policy mappings, requireExplicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy), name constraints of
every name form, unknown critical extensions of CA certificates, path length, keyCertSign, validity of
each certificate at the reference time. Our checks (validation.py, path_rules.py) run first and give
the specific Russian wording; this one is the complete rule set behind them.

pyhanko runs when the path carries what only it processes: policyMappings, policyConstraints,
inhibitAnyPolicy or nameConstraints (every name form; ours cover directory names, e-mail and DNS).
Without them §6.1 adds nothing to our checks (the oracle tests hold them equal), and a process that
verifies one signature saves pyhanko's import (~0.1 s, the lean command line's budget).

`validate_path(path, when)` -> None, or a Russian reason the path is refused. `path` is
[signer, ..., anchor] of CertificateInfo, each link's signature already verified by chain.build_path.
pyhanko-certvalidator is imported on first use: the lean command line starts faster without it.

asn1crypto (under pyhanko) parses every extension it knows at once. A malformed non-critical extension
§6.1 does not use (authorityInfoAccess, CRL distribution points, ...) is therefore left out of the copy
pyhanko gets, as OpenSSL ignores it too; a malformed extension §6.1 needs refuses the path. The copy's
signature is the original one, already verified over the original certificate.
"""

from .asn1 import ASN1_ERRORS
from .chain import signed_object_is_valid
from .errors import FormatError
from .report import messages

# Extensions only pyhanko processes fully: their presence anywhere in the path calls it.
FULL_PROCESSING = {"2.5.29.33", "2.5.29.36", "2.5.29.54", "2.5.29.30"}
# Extensions RFC 5280 §6.1 reads (pyhanko-certvalidator processes them); a malformed one refuses the path.
PATH_EXTENSIONS = {"2.5.29.19", "2.5.29.15", "2.5.29.30", "2.5.29.17", "2.5.29.32", "2.5.29.33", "2.5.29.36",
                   "2.5.29.54", "2.5.29.35", "2.5.29.14", "2.5.29.37"}


class _Key:
    def __init__(self, spki_der):
        self.spki_der = spki_der


def _signature_validator(verified_links):
    from cryptography.exceptions import InvalidSignature
    from pyhanko_certvalidator.sig_validate import SignatureValidator

    class PortalSignatureValidator(SignatureValidator):
        """Certificate and CRL signatures through signing.cms (GOST, RSA, RSA-PSS, ECDSA)."""

        def validate_signature(self, signature, signed_data, public_key_info, signature_algorithm, context=None):
            if signature in verified_links:
                return  # build_path verified this very link (over the original certificate) with the same key
            params = signature_algorithm["parameters"]
            params_der = None if params.native is None else params.dump()
            try:
                valid = signed_object_is_valid(_Key(public_key_info.dump()), signed_data,
                                               signature_algorithm["algorithm"].dotted, params_der, signature)
            except FormatError as error:
                raise InvalidSignature(str(error)) from error
            if not valid:
                raise InvalidSignature()

    return PortalSignatureValidator()


def _run(coroutine):
    """asyncio.run, in a thread of its own when this thread already runs an event loop."""
    import asyncio  # imported here: asyncio costs the lean command line ~15 ms of start-up
    import concurrent.futures

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _reason(error):
    """Russian wording for pyhanko-certvalidator's refusal (its English text is kept for experts)."""
    from pyhanko_certvalidator import errors

    text = str(error)
    lowered = text.lower()
    if isinstance(error, (errors.ExpiredError, errors.NotYetValidError)):
        template = messages.RFC5280_VALIDITY
    elif "polic" in lowered:
        template = messages.RFC5280_POLICY
    elif "name constraint" in lowered or "excluded" in lowered or "permitted" in lowered:
        template = messages.RFC5280_NAMES
    elif "critical" in lowered:
        template = messages.RFC5280_CRITICAL
    else:
        template = messages.RFC5280_OTHER
    return template.format(details=text)


def validate_path(path, when):
    """None when the path satisfies RFC 5280 §6.1 at `when`, else the Russian reason."""
    if len(path) < 2:
        return None  # the signer is itself the trust anchor: nothing to process
    if not any(_extension_oids(cert) & FULL_PROCESSING for cert in path):
        return None
    from asn1crypto import x509
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.authority import CertTrustAnchor
    from pyhanko_certvalidator.errors import PathValidationError, ValidationError
    from pyhanko_certvalidator.path import ValidationPath
    from pyhanko_certvalidator.policy_decl import AcceptAllAlgorithms
    from pyhanko_certvalidator.validate import async_validate_path

    anchor = x509.Certificate.load(path[-1].der)
    links = {cert.signature_value for cert in path[:-1]}
    context = ValidationContext(
        trust_roots=[anchor], moment=when, allow_fetching=False, revocation_mode="soft-fail",
        # Algorithms are judged by the verifier itself (GOST included); revocation by validation.py.
        algorithm_usage_policy=AcceptAllAlgorithms(), signature_validator=_signature_validator(links))
    try:
        certificates = [_for_path_validation(x509.Certificate.load(cert.der)) for cert in reversed(path[:-1])]
        validation_path = ValidationPath(CertTrustAnchor(anchor), certificates[:-1], certificates[-1])
        _run(_validate_without_revocation(async_validate_path, context, validation_path))
    except (PathValidationError, ValidationError) as error:
        return _reason(error)
    except FormatError as error:
        return str(error)
    except ASN1_ERRORS as error:
        return messages.RFC5280_OTHER.format(details=error)
    return None


def _extension_oids(cert):
    return {extension["extn_id"].dotted for extension in cert.asn1["tbs_certificate"]["extensions"]}


def _for_path_validation(cert):
    """`cert`, or a copy without the malformed non-critical extensions §6.1 does not read; FormatError
    naming a malformed extension it does read (or a critical one)."""
    from asn1crypto import x509

    kept, dropped = [], False
    for extension in cert["tbs_certificate"]["extensions"]:
        oid = extension["extn_id"].dotted
        try:
            _ = extension["extn_value"].parsed.native if extension["extn_value"].parsed is not None else None
        except ASN1_ERRORS as error:
            if oid in PATH_EXTENSIONS or extension["critical"].native:
                raise FormatError(messages.RFC5280_BAD_EXTENSION.format(oid=oid)) from error
            dropped = True
            continue
        kept.append(extension)
    if not dropped:
        return cert
    copy = cert.copy()
    copy["tbs_certificate"]["extensions"] = kept
    return x509.Certificate.load(copy.dump())


async def _validate_without_revocation(validate, context, validation_path):
    # No revocation data is handed to pyhanko: validation.py checks CRLs and OCSP with the proof of
    # existence rules of ETSI EN 319 102-1 and its own wording; soft-fail makes pyhanko skip it.
    return await validate(context, validation_path)
