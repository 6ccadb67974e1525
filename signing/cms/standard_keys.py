"""RSA (PKCS#1 v1.5, PSS) and ECDSA signature values, checked with `cryptography` on a ready digest."""

from asn1crypto import algos
from cryptography.exceptions import InvalidSignature
from cryptography.exceptions import UnsupportedAlgorithm as CryptographyUnsupported
from cryptography.hazmat.primitives import hashes as crypto_hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from . import oids
from .asn1 import ASN1_ERRORS
from .errors import FormatError, UnsupportedAlgorithm
from .report import messages

_CRYPTO_HASHES = {
    "sha1": crypto_hashes.SHA1, "sha224": crypto_hashes.SHA224, "sha256": crypto_hashes.SHA256,
    "sha384": crypto_hashes.SHA384, "sha512": crypto_hashes.SHA512,
    "sha3_224": crypto_hashes.SHA3_224, "sha3_256": crypto_hashes.SHA3_256,
    "sha3_384": crypto_hashes.SHA3_384, "sha3_512": crypto_hashes.SHA3_512,
}


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


def verify_with_cryptography(family, spki_der, digest_name, digest, signature, params_der):
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
