"""The command line without Django: `python -m signing.cms [DOCUMENT] SIGNATURE --trusted FILE ...`.

`manage.py verify_signature` takes the same arguments and adds the portal's trust store; this entry
point starts in a fraction of the time, for scripts and large files. Exit status 0 when the signature
is valid, 1 when it is not (or cannot be checked), 2 for wrong arguments; never a traceback.
"""

import argparse
import json
from datetime import datetime
from pathlib import Path

from .errors import FormatError
from .report import FORMAT_FAILURE, VerificationReport, messages
from .trust import TrustStore


def add_arguments(parser):
    parser.add_argument("files", nargs="+", metavar="[DOCUMENT] SIGNATURE",
                        help="the signed document (omit it for an attached signature) and the signature: "
                             "DER, PEM or base64")
    parser.add_argument("--trusted", action="extend", nargs="+", default=[], metavar="FILE",
                        help="trust anchor file (DER or PEM bundle)")
    parser.add_argument("--intermediate", action="extend", nargs="+", default=[], metavar="FILE",
                        help="intermediate CA certificate file")
    parser.add_argument("--crl", action="extend", nargs="+", default=[], metavar="FILE", help="CRL file")
    parser.add_argument("--tsa", action="extend", nargs="+", default=[], metavar="FILE",
                        help="trusted timestamp authority certificate (or its root)")
    parser.add_argument("--require-revocation", action="store_true",
                        help="no fresh revocation data makes the verdict INDETERMINATE / TRY_LATER")
    parser.add_argument("--ocsp", action="store_true",
                        help="ask the OCSP responders named in the certificates when no CRL covers them")
    parser.add_argument("--at", help="validation time, ISO 8601 (default: now)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


class UsageError(Exception):
    pass


def document_and_signature(files):
    """(document or None, signature path) from one or two positional arguments."""
    if len(files) > 2:
        raise UsageError("give [DOCUMENT] SIGNATURE")
    return (None, files[0]) if len(files) == 1 else (files[0], files[1])


def validation_time(value):
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(messages.BAD_VALIDATION_TIME.format(value=value)) from None


def file_store(options):
    """A TrustStore from the files given; UsageError when one cannot be read."""
    try:
        store = TrustStore.from_paths(options.trusted, options.intermediate, options.crl, options.tsa)
    except (OSError, FormatError) as error:
        raise UsageError(messages.TRUST_STORE_UNREADABLE.format(error=error)) from None
    store.require_revocation = options.require_revocation
    if getattr(options, "ocsp", False):
        from .ocsp import OcspClient

        store.ocsp = OcspClient()
    return store


def verify_files(document, signature_path, store, at):
    from .verifier import verify_cms

    try:
        signature = Path(signature_path).read_bytes()
    except OSError as error:
        reason = messages.SIGNATURE_FILE_UNREADABLE.format(error=error.strerror)
        return VerificationReport.failure(FORMAT_FAILURE, reason)
    return verify_cms(signature, document, store, at=at)


def human_lines(report):
    yield report.summary
    yield f"{report.indication} {report.subindication or ''}".rstrip()
    yield from report.notes
    for number, signer in enumerate(report.signers, 1):
        yield messages.SIGNER_HEADING.format(number=number, indication=signer.indication, algorithm=signer.algorithm)
        for check in signer.checks:
            yield f"  [{check.result}] {check.name}: {check.message}"
        for counter in signer.countersigners:
            yield messages.COUNTERSIGNER_HEADING.format(indication=counter.indication, reason=counter.reason or "")


def render(report, as_json):
    if as_json:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    return "\n".join(human_lines(report))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m signing.cms", description=__doc__.splitlines()[0])
    add_arguments(parser)
    options = parser.parse_args(argv)
    try:
        document, signature = document_and_signature(options.files)
        store, at = file_store(options), validation_time(options.at)
    except UsageError as error:
        parser.error(str(error))
    report = verify_files(document, signature, store, at)
    print(render(report, options.json))
    return 0 if report.valid else 1
