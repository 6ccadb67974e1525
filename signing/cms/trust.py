"""The trust store: a plain object holding trust anchors, stored intermediates and CRLs.

It knows nothing of Django; the portal builds one from its database or settings (see services.py),
the command line from files.
"""

from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem

from .certs import load_certificate, load_crl


def _der_blocks(data: bytes):
    """Every DER object in a file: one DER blob, or any number of PEM blocks."""
    if pem.detect(data):
        return [der for _, _, der in pem.unarmor(data, multiple=True)]
    return [data]


@dataclass
class TrustStore:
    anchors: list = field(default_factory=list)  # CertificateInfo
    intermediates: list = field(default_factory=list)  # CertificateInfo
    crls: list = field(default_factory=list)  # CrlInfo
    # Anchors trusted for signature timestamps only (a TSA's root need not sign anybody's certificate).
    tsa_anchors: list = field(default_factory=list)  # CertificateInfo
    # Production: no fresh revocation data for a certificate makes the verdict INDETERMINATE/TRY_LATER
    # instead of a warning.
    require_revocation: bool = False
    # Asked when no CRL covers a certificate: (cert, issuer, now) -> ocsp.OcspAnswer or None.
    ocsp: object = None
    # BasicOCSPResponse DERs the signature carries (used before asking a responder).
    ocsp_responses: list = field(default_factory=list)

    @classmethod
    def from_bytes(cls, anchors=(), intermediates=(), crls=(), tsa_anchors=()):
        """Build from file contents (DER or PEM bundles); raises FormatError on unreadable input."""
        return cls(
            anchors=[load_certificate(der) for blob in anchors for der in _der_blocks(blob)],
            intermediates=[load_certificate(der) for blob in intermediates for der in _der_blocks(blob)],
            crls=[load_crl(der) for blob in crls for der in _der_blocks(blob)],
            tsa_anchors=[load_certificate(der) for blob in tsa_anchors for der in _der_blocks(blob)],
        )

    @classmethod
    def from_paths(cls, anchors=(), intermediates=(), crls=(), tsa_anchors=()):
        def read(paths):
            return [Path(path).read_bytes() for path in paths]

        return cls.from_bytes(read(anchors), read(intermediates), read(crls), read(tsa_anchors))

    def is_anchor(self, cert):
        return any(anchor.der == cert.der for anchor in self.anchors)

    def extended(self, *, certificates=(), crls=(), ocsp_responses=()):
        """A copy with validation data carried by the signature itself (CAdES-X-L values, CMS crls)."""
        known = {cert.der for cert in self.intermediates}
        return TrustStore(
            anchors=self.anchors,
            intermediates=self.intermediates + [cert for cert in certificates if cert.der not in known],
            crls=self.crls + list(crls), tsa_anchors=self.tsa_anchors,
            require_revocation=self.require_revocation, ocsp=self.ocsp,
            ocsp_responses=self.ocsp_responses + list(ocsp_responses),
        )

    def for_timestamps(self):
        """The store a TSA's certificate is validated against: roots and the trusted TSAs."""
        return TrustStore(anchors=self.anchors + self.tsa_anchors, intermediates=self.intermediates,
                          crls=self.crls, require_revocation=self.require_revocation, ocsp=self.ocsp,
                          ocsp_responses=self.ocsp_responses)

    def crls_for(self, issuer_name):
        return [crl for crl in self.crls if crl.issuer == issuer_name]
