"""python manage.py verify_signature DOCUMENT SIGNATURE [--trusted FILE ...] [--json]

Exit status 0 when the signature is valid, 1 when it is not (or cannot be checked); never a traceback.
"""

import json
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from signing.cms import TrustStore
from signing.cms.errors import FormatError
from signing.cms.report import FORMAT_FAILURE, VerificationReport, messages
from signing.services import portal_trust_store, verify_detached


class Command(BaseCommand):
    help = "Verify a detached CMS/CAdES signature (GOST, RSA, ECDSA) over a document."

    def add_arguments(self, parser):
        parser.add_argument("document", help="the signed document")
        parser.add_argument("signature", help="the signature: DER, PEM or base64")
        parser.add_argument("--trusted", action="extend", nargs="+", default=[], metavar="FILE",
                            help="trust anchor file (DER or PEM bundle); when given, the only anchors")
        parser.add_argument("--intermediate", action="extend", nargs="+", default=[], metavar="FILE",
                            help="intermediate CA certificate file")
        parser.add_argument("--crl", action="extend", nargs="+", default=[], metavar="FILE", help="CRL file")
        parser.add_argument("--at", help="validation time, ISO 8601 (default: now)")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, **options):
        store = self._trust_store(options)
        at = self._validation_time(options["at"])
        report = self._verify(options["document"], options["signature"], store, at)
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            self._print_human(report)
        if not report.valid:
            raise CommandError(report.summary, returncode=1)

    def _trust_store(self, options):
        try:
            if options["trusted"]:
                return TrustStore.from_paths(options["trusted"], options["intermediate"], options["crl"])
            store = portal_trust_store()
            extra = TrustStore.from_paths((), options["intermediate"], options["crl"])
        except (OSError, FormatError) as error:
            raise CommandError(messages.TRUST_STORE_UNREADABLE.format(error=error), returncode=1)
        store.intermediates += extra.intermediates
        store.crls += extra.crls
        return store

    def _validation_time(self, value):
        if not value:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise CommandError(messages.BAD_VALIDATION_TIME.format(value=value), returncode=1)

    def _verify(self, document, signature_path, store, at):
        try:
            signature = Path(signature_path).read_bytes()
        except OSError as error:
            return VerificationReport.failure(
                FORMAT_FAILURE, messages.SIGNATURE_FILE_UNREADABLE.format(error=error.strerror))
        return verify_detached(document, signature, at=at, trust_store=store)

    def _print_human(self, report):
        self.stdout.write(report.summary)
        self.stdout.write("%s %s" % (report.indication, report.subindication or ""))
        for number, signer in enumerate(report.signers, 1):
            self.stdout.write(messages.SIGNER_HEADING.format(
                number=number, indication=signer.indication, algorithm=signer.algorithm))
            for check in signer.checks:
                self.stdout.write("  [%s] %s: %s" % (check.result, check.name, check.message))
