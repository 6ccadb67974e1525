"""Certificate and CRL signatures, and building a path from the signer to a trust anchor."""

from asn1crypto import algos

from .. import gost
from . import oids
from .errors import FormatError, UnsupportedAlgorithm
from .keys import verify_signature_value
from .report import messages

MAX_PATH_LENGTH = 10
MAX_LINK_CHECKS = 64  # signatures checked while building one path (see build_path)


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
    """Breadth-first search for the shortest chain ending at a trust anchor, each link's signature
    checked (RFC 4158 §3: prefer shorter paths; anchors tried before other issuers of the same name).

    The signer itself may be an anchor. Each certificate is reached once and at most MAX_LINK_CHECKS
    signatures are checked: a signature carrying many certificates of one name that sign each other
    made the former depth-first search try every ordering of them (6 such certificates took a second,
    10 would take days) - on the public «Проверка ЭП» page, for anyone. Past the budget: no path.
    """
    if store.is_anchor(signer):
        return PathResult([signer])
    pool = list(store.anchors) + list(store.intermediates) + list(cms_certs)
    reached = {signer.der: (signer, None)}  # der -> (certificate, the certificate it issued)
    broken, checks, frontier = [], 0, [signer]
    for _depth in range(MAX_PATH_LENGTH):
        following = []
        for current in frontier:
            for issuer in sorted(_candidates(current, pool), key=lambda c: not store.is_anchor(c)):
                if issuer.der in reached:
                    continue
                checks += 1
                if checks > MAX_LINK_CHECKS:
                    return PathResult(None, None)
                if not issued_by(current, issuer):
                    broken.append((current, issuer))
                    continue
                reached[issuer.der] = (issuer, current)
                if store.is_anchor(issuer):
                    return PathResult(_path_to(issuer, reached))
                following.append(issuer)
        frontier = following
    return PathResult(None, broken[0] if broken else None)


def _path_to(anchor, reached):
    path, cert = [], anchor
    while cert is not None:
        path.append(cert)
        cert = reached[cert.der][1]
    return path[::-1]
