"""Checking a signature value with a public key: GOST in pure Python, RSA and ECDSA with `cryptography`.

Every check takes the message digest, never the message: for signatures over a whole document we
have only streamed its hash, so RSA and ECDSA run in `Prehashed` mode.
"""

from asn1crypto import algos
from cryptography.exceptions import InvalidSignature
from cryptography.exceptions import UnsupportedAlgorithm as CryptographyUnsupported
from cryptography.hazmat.primitives import hashes as crypto_hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from .. import gost
from . import oids
from .asn1 import ASN1_ERRORS, gost_key_parameters, gost_public_key_bytes, public_key_info
from .errors import FormatError, UnknownAlgorithm, UnsupportedAlgorithm
from .report import messages

_CRYPTO_HASHES = {
    "sha1": crypto_hashes.SHA1, "sha224": crypto_hashes.SHA224, "sha256": crypto_hashes.SHA256,
    "sha384": crypto_hashes.SHA384, "sha512": crypto_hashes.SHA512,
    "sha3_224": crypto_hashes.SHA3_224, "sha3_256": crypto_hashes.SHA3_256,
    "sha3_384": crypto_hashes.SHA3_384, "sha3_512": crypto_hashes.SHA3_512,
}
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


def _load_crypto_key(spki_der):
    try:
        return serialization.load_der_public_key(spki_der)
    except (ValueError, CryptographyUnsupported) as error:
        raise UnsupportedAlgorithm(messages.UNSUPPORTED_KEY.format(error=error)) from error


def _pss_padding(params_der, digest_name):
    """PSS padding from RSASSA-PSS-params; absent fields take the RFC 4055 defaults (SHA-1, salt 20)."""
    try:
        params = algos.RSASSAPSSParams.load(params_der) if params_der else algos.RSASSAPSSParams()
        hash_name = params["hash_algorithm"]["algorithm"].native
        mgf_hash = params["mask_gen_algorithm"]["parameters"]["algorithm"].native
        salt_length = params["salt_length"].native
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_PSS_PARAMETERS.format(error=error)) from error
    if hash_name != digest_name or mgf_hash not in _CRYPTO_HASHES:
        raise UnsupportedAlgorithm(messages.PSS_DIGEST_MISMATCH)
    return padding.PSS(mgf=padding.MGF1(_CRYPTO_HASHES[mgf_hash]()), salt_length=salt_length)


def _verify_with_cryptography(family, spki_der, digest_name, digest, signature, params_der):
    if digest_name not in _CRYPTO_HASHES:
        raise UnsupportedAlgorithm(messages.DIGEST_NOT_FOR_ALGORITHM.format(digest=digest_name, family=family))
    key = _load_crypto_key(spki_der)
    prehashed = utils.Prehashed(_CRYPTO_HASHES[digest_name]())
    try:
        if family == oids.ECDSA and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, digest, ec.ECDSA(prehashed))
        elif family == oids.RSA and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, digest, padding.PKCS1v15(), prehashed)
        elif family == oids.RSA_PSS and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, digest, _pss_padding(params_der, digest_name), prehashed)
        else:
            raise UnsupportedAlgorithm(messages.ALGORITHM_NOT_FOR_KEY.format(family=family, key=type(key).__name__))
    except InvalidSignature:
        return False
    return True


def verify_signature_value(spki_der, family, digest_name, digest, signature, params_der=None) -> bool:
    """True if `signature` over a message with hash `digest` is valid under the key in `spki_der`.

    Raises FormatError / UnsupportedAlgorithm when the key or algorithm cannot be used at all.
    """
    key_kind = key_family(spki_der)
    if family in oids.GOST_FAMILIES:
        if key_kind not in oids.GOST_FAMILIES:
            raise UnsupportedAlgorithm(messages.ALGORITHM_NOT_FOR_KEY.format(family=family, key=key_kind))
        return _verify_gost(spki_der, digest, signature)
    if key_kind == oids.RSA_PSS:
        key_kind = oids.RSA
    if family == oids.RSA_PSS and key_kind == oids.RSA or family == key_kind:
        return _verify_with_cryptography(family, spki_der, digest_name, digest, signature, params_der)
    raise UnsupportedAlgorithm(messages.ALGORITHM_NOT_FOR_KEY.format(family=family, key=key_kind))
