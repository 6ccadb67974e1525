"""Checking a signature value with a public key: GOST here, RSA and ECDSA with `cryptography` in
standard_keys.py (imported on first use: GOST-only runs of `python -m signing.cms` start faster).

Every check takes the message digest, never the message: for signatures over a whole document we
have only streamed its hash, so RSA and ECDSA run in `Prehashed` mode.
"""

from .. import gost
from . import budget, oids
from .asn1 import gost_key_parameters, gost_public_key_bytes, public_key_info
from .errors import FormatError, UnknownAlgorithm, UnsupportedAlgorithm
from .report import messages

_GOST_KEY_SIZES = {oids.GOST2001: 32, oids.GOST2012_256: 32, oids.GOST2012_512: 64}


def key_family(spki_der: bytes) -> str:
    info = public_key_info(spki_der)
    oid = info["algorithm"]["algorithm"].dotted
    if oid not in oids.SIGNATURE_ALGORITHMS:
        raise UnknownAlgorithm(messages.UNKNOWN_KEY_ALGORITHM.format(oid=oid))
    return oids.SIGNATURE_ALGORITHMS[oid][0]


def gost_curve_name(spki_der: bytes) -> str:
    """Human name of the key's parameter set ("TC26 512 A"), or "" for non-GOST keys."""
    info = public_key_info(spki_der)
    family = oids.SIGNATURE_ALGORITHMS.get(info["algorithm"]["algorithm"].dotted, (None,))[0]
    if family not in oids.GOST_FAMILIES:
        return ""
    oid = gost_key_parameters(info)["public_key_param_set"].dotted
    return gost.PARAMSET_NAMES.get(oid, oid)


def _verify_gost(spki_der, digest, signature):
    info = public_key_info(spki_der)
    family = key_family(spki_der)
    curve_oid = gost_key_parameters(info)["public_key_param_set"].dotted
    curve = gost.CURVES_BY_OID.get(curve_oid)
    if curve is None:
        raise UnknownAlgorithm(messages.UNKNOWN_GOST_PARAMETER_SET.format(oid=curve_oid))
    if curve.size != _GOST_KEY_SIZES[family] or len(digest) != curve.size:
        raise UnsupportedAlgorithm(messages.GOST_SIZE_MISMATCH)
    try:
        point = gost.decode_public_key(curve, gost_public_key_bytes(info))
    except gost.InvalidKey as error:
        raise FormatError(messages.GOST_KEY_NOT_ON_CURVE.format(error=error)) from error
    return gost.verify(curve, point, digest, signature)


def verify_signature_value(spki_der, family, digest_name, digest, signature, params_der=None) -> bool:
    """True if `signature` over a message with hash `digest` is valid under the key in `spki_der`.

    Raises FormatError / UnsupportedAlgorithm when the key or algorithm cannot be used at all, and
    budget.WorkLimitExceeded past the verification's budget of checks.
    """
    budget.spend()
    key_kind = key_family(spki_der)
    if family in oids.GOST_FAMILIES:
        if key_kind not in oids.GOST_FAMILIES:
            raise UnsupportedAlgorithm(messages.ALGORITHM_NOT_FOR_KEY.format(family=family, key=key_kind))
        return _verify_gost(spki_der, digest, signature)
    if key_kind == oids.RSA_PSS:
        key_kind = oids.RSA
    if family == oids.RSA_PSS and key_kind == oids.RSA or family == key_kind:
        from .standard_keys import verify_with_cryptography  # cryptography loads only when needed

        return verify_with_cryptography(family, spki_der, digest_name, digest, signature, params_der)
    raise UnsupportedAlgorithm(messages.ALGORITHM_NOT_FOR_KEY.format(family=family, key=key_kind))
