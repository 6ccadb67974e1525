"""Certificate and CRL signatures, and building a path from the signer to a trust anchor."""

from asn1crypto import algos

from .. import gost
from . import oids
from .errors import FormatError, UnsupportedAlgorithm
from .keys import verify_signature_value
from .report import messages

MAX_PATH_LENGTH = 10


def _pss_digest(params_der):
    params = algos.RSASSAPSSParams.load(params_der) if params_der else algos.RSASSAPSSParams()
    return params["hash_algorithm"]["algorithm"].native


def signed_object_is_valid(issuer, tbs_der, algorithm_oid, params_der, signature) -> bool:
    """True when `issuer`'s key signed `tbs_der` (a certificate's or a CRL's to-be-signed part)."""
    if algorithm_oid not in oids.SIGNATURE_ALGORITHMS:
        raise UnsupportedAlgorithm(messages.UNKNOWN_CERTIFICATE_SIGNATURE_ALGORITHM.format(oid=algorithm_oid))
    family, digest_name = oids.SIGNATURE_ALGORITHMS[algorithm_oid]
    if family == oids.RSA_PSS:
        digest_name = _pss_digest(params_der)
    digest_name = digest_name or oids.GOST_DIGEST_OF.get(family)  # a key OID in place of the signature OID
    if digest_name not in gost.DIGEST_SIZES:
        raise UnsupportedAlgorithm(messages.UNSUPPORTED_CERTIFICATE_DIGEST)
    digest = gost.new(digest_name, tbs_der).digest()
    return verify_signature_value(issuer.spki_der, family, digest_name, digest, signature, params_der)


def issued_by(cert, issuer) -> bool:
    """Whether `issuer`'s key really signed `cert`; unusable keys or algorithms count as no."""
    if cert.issuer != issuer.subject:
        return False
    if cert.authority_key_id and issuer.subject_key_id and cert.authority_key_id != issuer.subject_key_id:
        return False
    try:
        return signed_object_is_valid(
            issuer, cert.tbs_der, cert.signature_algorithm, cert.signature_parameters, cert.signature_value
        )
    except FormatError:
        return False


def _candidates(cert, pool):
    return [other for other in pool if other.subject == cert.issuer and not other.same_as(cert)]


class PathResult:
    def __init__(self, path=None, broken_link=None):
        self.path = path  # [signer, ..., anchor] or None
        self.broken_link = broken_link  # a (cert, issuer) pair whose signature failed, if any


def build_path(signer, cms_certs, store) -> PathResult:
    """Depth-first search for a chain ending at a trust anchor, each link's signature checked.

    The signer itself may be an anchor. Anchors are tried before other issuers of the same name.
    """
    pool = list(store.anchors) + list(store.intermediates) + list(cms_certs)
    broken = []

    def extend(path):
        current = path[-1]
        if store.is_anchor(current):
            return path
        if len(path) > MAX_PATH_LENGTH:
            return None
        candidates = sorted(_candidates(current, pool), key=lambda c: not store.is_anchor(c))
        for issuer in candidates:
            if any(issuer.same_as(seen) for seen in path):
                continue
            if not issued_by(current, issuer):
                broken.append((current, issuer))
                continue
            found = extend(path + [issuer])
            if found:
                return found
        return None

    found = extend([signer])
    return PathResult(found, broken[0] if broken and not found else None)
