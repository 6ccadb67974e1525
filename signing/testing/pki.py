"""A throwaway PKI built with the `openssl` command and Debian's GOST engine, for tests and the bench.

Certificates are issued with `openssl ca` so that validity dates can be set freely (expired and
not-yet-valid signers) and certificates can be revoked into a CRL.
"""

import subprocess
from dataclasses import dataclass
from pathlib import Path

OPENSSL = "openssl"

# Key kinds: name -> genpkey arguments.
KEY_KINDS = {
    "gost2001_A": ["-algorithm", "gost2001", "-pkeyopt", "paramset:A"],
    "gost2001_B": ["-algorithm", "gost2001", "-pkeyopt", "paramset:B"],
    "gost2001_C": ["-algorithm", "gost2001", "-pkeyopt", "paramset:C"],
    "gost2001_XA": ["-algorithm", "gost2001", "-pkeyopt", "paramset:XA"],
    "gost2001_XB": ["-algorithm", "gost2001", "-pkeyopt", "paramset:XB"],
    "gost2012_256_A": ["-algorithm", "gost2012_256", "-pkeyopt", "paramset:A"],  # CryptoPro A
    "gost2012_256_B": ["-algorithm", "gost2012_256", "-pkeyopt", "paramset:B"],  # CryptoPro B
    "gost2012_256_C": ["-algorithm", "gost2012_256", "-pkeyopt", "paramset:C"],  # CryptoPro C
    "gost2012_256_XA": ["-algorithm", "gost2012_256", "-pkeyopt", "paramset:XA"],
    "gost2012_256_XB": ["-algorithm", "gost2012_256", "-pkeyopt", "paramset:XB"],
    "gost2012_256_TCA": ["-algorithm", "gost2012_256", "-pkeyopt", "paramset:TCA"],
    "gost2012_256_TCB": ["-algorithm", "gost2012_256", "-pkeyopt", "paramset:TCB"],
    "gost2012_256_TCC": ["-algorithm", "gost2012_256", "-pkeyopt", "paramset:TCC"],
    "gost2012_256_TCD": ["-algorithm", "gost2012_256", "-pkeyopt", "paramset:TCD"],
    "gost2012_512_A": ["-algorithm", "gost2012_512", "-pkeyopt", "paramset:A"],
    "gost2012_512_B": ["-algorithm", "gost2012_512", "-pkeyopt", "paramset:B"],
    "gost2012_512_C": ["-algorithm", "gost2012_512", "-pkeyopt", "paramset:C"],
    "rsa": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "ec_p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "ec_p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
}

# The digest openssl should use with each key kind.
DIGEST_FOR = {
    "gost2001": "md_gost94", "gost2012_256": "md_gost12_256", "gost2012_512": "md_gost12_512",
    "rsa": "sha256", "ec_p256": "sha256", "ec_p384": "sha384",
}

_CA_CONFIG = """
oid_section = extra_oids
[ extra_oids ]
INNLE = 1.2.643.100.4
[ ca ]
default_ca = this_ca
[ this_ca ]
dir = {dir}
database = $dir/index.txt
serial = $dir/serial
crlnumber = $dir/crlnumber
new_certs_dir = $dir/issued
default_md = default
default_crl_days = 30
policy = any_name
unique_subject = no
copy_extensions = none
email_in_dn = yes
[ any_name ]
commonName = supplied
[ ca_cert ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ signer_cert ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.643.100.113.1, 1.2.643.100.113.2
1.2.643.100.111 = ASN1:FORMAT:UTF8,UTF8String:СКЗИ «КриптоПро CSP» (версия 5.0)
1.2.643.100.112 = ASN1:SEQUENCE:issuer_sign_tool
[ issuer_sign_tool ]
tool = FORMAT:UTF8,UTF8String:ПАКМ «КриптоПро HSM» версии 2.0
ca_tool = FORMAT:UTF8,UTF8String:ПАК «Удостоверяющий центр «КриптоПро УЦ» версии 2.0
tool_certificate = FORMAT:UTF8,UTF8String:Сертификат соответствия № СФ/124-3966 от 15.01.2021
ca_tool_certificate = FORMAT:UTF8,UTF8String:Сертификат соответствия № СФ/128-3868 от 23.07.2020
[ tsa_cert ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ encipher_only_cert ]
basicConstraints = CA:FALSE
keyUsage = critical, keyEncipherment
subjectKeyIdentifier = hash
"""


def family_of(kind):
    return kind.rsplit("_", 1)[0] if kind.startswith("gost") else kind


def openssl(*args, cwd=None, check=True):
    """Run openssl with the GOST engine; returns the CompletedProcess."""
    command = [OPENSSL, args[0], "-engine", "gost", *args[1:]]
    result = subprocess.run(command, cwd=cwd, capture_output=True)
    if check and result.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(map(str, command)), result.stderr.decode(errors="replace")))
    return result


def make_key(directory: Path, name, kind) -> Path:
    path = directory / ("%s.key" % name)
    openssl("genpkey", *KEY_KINDS[kind], "-out", path)
    return path


@dataclass
class Identity:
    name: str
    kind: str
    key: Path
    cert: Path
    authority: "Authority | None" = None

    @property
    def digest(self):
        return DIGEST_FOR[family_of(self.kind)]


class Authority:
    """A CA directory that `openssl ca` works in."""

    def __init__(self, directory: Path, name, kind, parent=None, subject=None, extensions="ca_cert", **dates):
        """A root when parent is None; `extensions` lets tests make an issuer that is no CA; `dates`
        (start=, end=, days=) are the validity of an intermediate, as in `issue`."""
        self.directory = directory / name
        (self.directory / "issued").mkdir(parents=True)
        (self.directory / "index.txt").write_text("")
        (self.directory / "serial").write_text("1000\n")
        (self.directory / "crlnumber").write_text("01\n")
        self.config = self.directory / "ca.cnf"
        self.config.write_text(_CA_CONFIG.format(dir=self.directory), encoding="utf-8")
        self.name = name
        key = make_key(self.directory, name, kind)
        subject = subject or "/CN=%s/O=Test PKI" % name
        if parent is None:
            cert = self.directory / ("%s.pem" % name)
            openssl("req", "-new", "-x509", "-utf8", "-key", key, "-subj", subject, "-days", "3650",
                    "-config", self.config, "-extensions", "ca_cert", "-out", cert)
            self.identity = Identity(name, kind, key, cert)
        else:
            self.identity = parent.issue(name, kind, subject, extensions=extensions, key=key, **dates)

    @property
    def cert(self):
        return self.identity.cert

    def issue(self, name, kind, subject, *, extensions="signer_cert", start=None, end=None, days=365, key=None):
        """A certificate for a new key; start/end as 'YYYYMMDDHHMMSSZ' override `days`."""
        key = key or make_key(self.directory, name, kind)
        request = self.directory / ("%s.csr" % name)
        cert = self.directory / ("%s.pem" % name)
        openssl("req", "-new", "-utf8", "-key", key, "-subj", subject, "-config", self.config, "-out", request)
        dates = ["-startdate", start] if start else []
        dates += ["-enddate", end] if end else ["-days", str(days)]
        openssl("ca", "-batch", "-utf8", "-notext", "-preserveDN", "-config", self.config, "-cert", self.cert,
                "-keyfile", self.identity.key, "-extensions", extensions, *dates,
                "-in", request, "-out", cert)
        return Identity(name, kind, key, cert, self)

    def revoke(self, identity):
        openssl("ca", "-config", self.config, "-cert", self.cert, "-keyfile", self.identity.key,
                "-revoke", identity.cert)

    def crl(self, extensions=None, name="crl.pem") -> Path:
        """The CA's CRL; `extensions` names a config section of CRL extensions (-crlexts)."""
        path = self.directory / name
        crlexts = ["-crlexts", extensions] if extensions else []
        openssl("ca", "-gencrl", "-config", self.config, "-cert", self.cert, "-keyfile", self.identity.key,
                *crlexts, "-out", path)
        return path


def sign(identity, document: Path, out: Path, *, detached=True, attributes=True, cades=False,
         certfiles=(), extra_signers=(), pss=False, include_signer_cert=True, by_key_id=False):
    """`openssl cms -sign` to DER; extra_signers adds more signers to the same SignedData."""
    args = ["-sign", "-binary", "-in", document, "-signer", identity.cert, "-inkey", identity.key,
            "-md", identity.digest, "-outform", "DER", "-out", out]
    if pss:
        args += ["-keyopt", "rsa_padding_mode:pss"]
    if not include_signer_cert:
        args.append("-nocerts")
    if by_key_id:  # identify the signer by subject key identifier instead of issuer and serial
        args.append("-keyid")
    for other in extra_signers:
        args += ["-signer", other.cert, "-inkey", other.key]
    if not detached:
        args.append("-nodetach")
    if not attributes:
        args.append("-noattr")
    if cades:
        args.append("-cades")
    if certfiles:  # openssl honours only the last -certfile, so bundle them
        bundle = Path(out).with_suffix(".certs.pem")
        bundle.write_bytes(b"".join(Path(path).read_bytes() for path in certfiles))
        args += ["-certfile", bundle]
    openssl("cms", *args)
    return out


def openssl_verifies(signature: Path, document: Path | None, anchors: Path, *, crl: Path | None = None,
                     untrusted: Path | None = None) -> bool:
    """openssl's own verdict: `openssl cms -verify` against the given anchors (and CRL).

    OpenSSL 3.0's `cms -verify` has neither -CRLfile nor -untrusted, so CRLs and an extra
    intermediate ride along in the CAfile (the root is there too, so the path still ends at it).
    """
    extras = [path for path in (crl, untrusted) if path is not None]
    if extras:
        bundle = Path(signature).with_suffix(".anchors.pem")
        bundle.write_bytes(b"".join(Path(path).read_bytes() for path in [anchors, *extras]))
        anchors = bundle
    args = ["-verify", "-binary", "-inform", "DER", "-in", signature, "-CAfile", anchors,
            "-purpose", "any", "-out", "/dev/null"]
    if document is not None:
        args += ["-content", document]
    if crl is not None:
        args.append("-crl_check")
    return openssl("cms", *args, check=False).returncode == 0
