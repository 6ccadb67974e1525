"""Object identifiers the verifier understands, and what they mean to it."""

# Digest algorithm OID -> our digest name (signing.gost.hashes).
DIGESTS = {
    "1.2.643.7.1.1.2.2": "streebog256",
    "1.2.643.7.1.1.2.3": "streebog512",
    "1.2.643.2.2.9": "gostr3411_94",
    "1.3.14.3.2.26": "sha1",
    "2.16.840.1.101.3.4.2.4": "sha224",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
    "2.16.840.1.101.3.4.2.7": "sha3_224",
    "2.16.840.1.101.3.4.2.8": "sha3_256",
    "2.16.840.1.101.3.4.2.9": "sha3_384",
    "2.16.840.1.101.3.4.2.10": "sha3_512",
}

GOST2001 = "gost2001"
GOST2012_256 = "gost2012_256"
GOST2012_512 = "gost2012_512"
RSA = "rsa"
RSA_PSS = "rsa_pss"
ECDSA = "ecdsa"

# Key or signature algorithm OID -> (key family, digest implied by the OID or None).
# A signer info may carry either the key OID or the signature OID (CryptoPro writes the key OID).
SIGNATURE_ALGORITHMS = {
    "1.2.643.2.2.19": (GOST2001, None),
    "1.2.643.2.2.3": (GOST2001, "gostr3411_94"),
    "1.2.643.7.1.1.1.1": (GOST2012_256, None),
    "1.2.643.7.1.1.3.2": (GOST2012_256, "streebog256"),
    "1.2.643.7.1.1.1.2": (GOST2012_512, None),
    "1.2.643.7.1.1.3.3": (GOST2012_512, "streebog512"),
    "1.2.840.113549.1.1.1": (RSA, None),
    "1.2.840.113549.1.1.5": (RSA, "sha1"),
    "1.2.840.113549.1.1.14": (RSA, "sha224"),
    "1.2.840.113549.1.1.11": (RSA, "sha256"),
    "1.2.840.113549.1.1.12": (RSA, "sha384"),
    "1.2.840.113549.1.1.13": (RSA, "sha512"),
    "1.2.840.113549.1.1.10": (RSA_PSS, None),
    "1.2.840.10045.2.1": (ECDSA, None),
    "1.2.840.10045.4.1": (ECDSA, "sha1"),
    "1.2.840.10045.4.3.1": (ECDSA, "sha224"),
    "1.2.840.10045.4.3.2": (ECDSA, "sha256"),
    "1.2.840.10045.4.3.3": (ECDSA, "sha384"),
    "1.2.840.10045.4.3.4": (ECDSA, "sha512"),
    # NIST's SHA-3 signature OIDs (RFC 8702 lists the RSA and ECDSA ones).
    "2.16.840.1.101.3.4.3.13": (RSA, "sha3_224"),
    "2.16.840.1.101.3.4.3.14": (RSA, "sha3_256"),
    "2.16.840.1.101.3.4.3.15": (RSA, "sha3_384"),
    "2.16.840.1.101.3.4.3.16": (RSA, "sha3_512"),
    "2.16.840.1.101.3.4.3.9": (ECDSA, "sha3_224"),
    "2.16.840.1.101.3.4.3.10": (ECDSA, "sha3_256"),
    "2.16.840.1.101.3.4.3.11": (ECDSA, "sha3_384"),
    "2.16.840.1.101.3.4.3.12": (ECDSA, "sha3_512"),
}

GOST_FAMILIES = (GOST2001, GOST2012_256, GOST2012_512)
# The one digest each GOST signature algorithm is defined with (RFC 4491, RFC 9215).
GOST_DIGEST_OF = {GOST2001: "gostr3411_94", GOST2012_256: "streebog256", GOST2012_512: "streebog512"}

# CMS content types and attributes.
DATA = "1.2.840.113549.1.7.1"
SIGNED_DATA = "1.2.840.113549.1.7.2"
ATTR_CONTENT_TYPE = "1.2.840.113549.1.9.3"
ATTR_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
ATTR_SIGNING_TIME = "1.2.840.113549.1.9.5"
ATTR_SIGNING_CERTIFICATE = "1.2.840.113549.1.9.16.2.12"
ATTR_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"
ATTR_COUNTERSIGNATURE = "1.2.840.113549.1.9.6"
ATTR_SIGNATURE_TIMESTAMP = "1.2.840.113549.1.9.16.2.14"  # CAdES-T (ETSI EN 319 122-1, 5.3)
ATTR_CERTIFICATE_VALUES = "1.2.840.113549.1.9.16.2.23"  # CAdES-X-L
ATTR_REVOCATION_VALUES = "1.2.840.113549.1.9.16.2.24"
TST_INFO = "1.2.840.113549.1.9.16.1.4"
EKU_TIME_STAMPING = "1.3.6.1.5.5.7.3.8"

# Attribute names shown in the report next to their OID (values the verifier does not use stay raw).
ATTRIBUTE_NAMES = {
    ATTR_CONTENT_TYPE: "contentType",
    ATTR_MESSAGE_DIGEST: "messageDigest",
    ATTR_SIGNING_TIME: "signingTime",
    ATTR_SIGNING_CERTIFICATE: "signingCertificate",
    ATTR_SIGNING_CERTIFICATE_V2: "signingCertificateV2",
    ATTR_COUNTERSIGNATURE: "countersignature",
    ATTR_SIGNATURE_TIMESTAMP: "signatureTimeStampToken",
    "1.2.840.113549.1.9.16.2.15": "signaturePolicyIdentifier",
    "1.2.840.113549.1.9.16.2.16": "commitmentTypeIndication",
    "1.2.840.113549.1.9.16.2.21": "completeCertificateRefs",
    "1.2.840.113549.1.9.16.2.22": "completeRevocationRefs",
    ATTR_CERTIFICATE_VALUES: "certificateValues",
    ATTR_REVOCATION_VALUES: "revocationValues",
    "1.2.840.113549.1.9.16.2.25": "escTimeStamp",
    "1.2.840.113549.1.9.16.2.26": "certCRLTimestamp",
    "1.2.840.113549.1.9.16.2.27": "archiveTimeStamp",
    "0.4.0.1733.2.4": "archiveTimeStampV3",
    "0.4.0.19122.1.5": "atsHashIndexV3",
    "0.4.0.19122.1.1": "longTermValidation",
    "1.2.840.113549.1.9.16.2.48": "archiveTimeStampV2",
}

# Russian certificate attributes (FSB order No. 795) and the qualified-certificate extensions.
INN = "1.2.643.3.131.1.1"
INNLE = "1.2.643.100.4"
OGRN = "1.2.643.100.1"
OGRNIP = "1.2.643.100.5"
SNILS = "1.2.643.100.3"
SUBJECT_SIGN_TOOL = "1.2.643.100.111"
ISSUER_SIGN_TOOL = "1.2.643.100.112"
