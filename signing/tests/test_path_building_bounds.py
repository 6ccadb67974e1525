"""Path building stays bounded whatever certificates a signature carries (the «Проверка ЭП» page is public)."""

import datetime
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from signing.cms import TrustStore
from signing.cms.certs import load_certificate
from signing.cms.chain import build_path

KEY = ec.generate_private_key(ec.SECP256R1())
LOOP = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Loop CA")])
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def _certificate(subject, serial, *, ca=True):
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(LOOP).public_key(KEY.public_key())
               .serial_number(serial).not_valid_before(START).not_valid_after(START + datetime.timedelta(days=365)))
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    return load_certificate(builder.sign(KEY, hashes.SHA256()).public_bytes(serialization.Encoding.DER))


def test_certificates_of_one_name_signing_each_other_do_not_explode_the_search():
    """Ten certificates «Loop CA» issued by «Loop CA» with one key: every ordering is a valid-looking chain
    that never reaches an anchor. The depth-first search tried them all (10!/1 orderings)."""
    loop = [_certificate(LOOP, 100 + index) for index in range(10)]
    signer = _certificate(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Подписант")]), 1, ca=False)
    started = time.monotonic()
    result = build_path(signer, loop, TrustStore.from_paths(anchors=[], intermediates=[], crls=[]))
    assert result.path is None and time.monotonic() - started < 2


def test_the_shortest_path_to_an_anchor_is_found_through_the_loop():
    loop = [_certificate(LOOP, 100 + index) for index in range(6)]
    signer = _certificate(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Подписант")]), 1, ca=False)
    store = TrustStore.from_paths(anchors=[], intermediates=[], crls=[])
    store.anchors.append(loop[-1])
    path = build_path(signer, loop[:-1], store).path
    assert path == [signer, loop[-1]]
