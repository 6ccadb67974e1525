from django.core.management.base import BaseCommand, CommandError

from addresses import services
from addresses.gar import GarError


class Command(BaseCommand):
    help = ("Import addresses from a GAR (ФИАС) XML extract: AS_ADDR_OBJ, AS_ADM_HIERARCHY and AS_HOUSES files "
            "of a region folder. Streams the files, so a whole region imports with bounded memory; running it "
            "again updates rows in place (by OBJECTID).")

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The extract's root (with region folders) or one region folder.")
        parser.add_argument("--region", help="Region code, the folder name in the extract, e.g. 31.")
        parser.add_argument("--batch-size", type=int, default=services.BATCH_SIZE,
                            help="Rows written per database statement.")

    def handle(self, *args, directory, region, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            counts = services.gar_import(directory=directory, region=region, batch_size=batch_size)
        except GarError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Imported {counts.objects} address objects, {counts.hierarchy} hierarchy items, "
            f"{counts.houses} houses; skipped {counts.skipped} houses with no place in the hierarchy; "
            f"rewrote {counts.refreshed} addresses after renames and moves; left out {counts.invalid} damaged rows."))
