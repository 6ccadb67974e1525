"""python manage.py verify_signature [DOCUMENT] SIGNATURE [--trusted FILE ...] [--json]

The arguments of `python -m signing.cms` (signing/cms/cli.py); without --trusted the portal's trust
store (settings files, admin rows, stored CRLs) is used, with --intermediate/--crl/--tsa added to it.
Exit status 0 when the signature is valid, 1 when it is not (or cannot be checked); never a traceback.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signing.cms import cli
from signing.services import portal_trust_store


class Command(BaseCommand):
    help = "Verify a CMS/CAdES signature (GOST, RSA, ECDSA), detached or attached, over a document."

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        try:
            document, signature = cli.document_and_signature(options["files"])
            at = cli.validation_time(options["at"])
            store = self._trust_store(options)
        except cli.UsageError as error:
            raise CommandError(str(error), returncode=1) from None
        report = cli.verify_files(document, signature, store, at)
        self.stdout.write(cli.render(report, options["json"]))
        if not report.valid:
            raise CommandError(report.summary, returncode=1)

    def _trust_store(self, options):
        class Files:  # cli.file_store reads attributes, as argparse gives them
            trusted = options["trusted"]
            intermediate, crl, tsa, ocsp = options["intermediate"], options["crl"], options["tsa"], options["ocsp"]
            require_revocation = options["require_revocation"] or getattr(settings, "SIGNING_REQUIRE_REVOCATION", False)

        extra = cli.file_store(Files)
        if options["trusted"]:
            return extra
        store = portal_trust_store()
        store.intermediates += extra.intermediates
        store.crls += extra.crls
        store.tsa_anchors += extra.tsa_anchors
        store.require_revocation = extra.require_revocation
        return store
