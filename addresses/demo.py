"""Demo addresses: the shipped GAR sample (a few streets of Белгород), imported once."""

from pathlib import Path

from addresses.models import Address
from addresses.services import gar_import

SAMPLE = Path(__file__).resolve().parent / "samples" / "gar"


def load_demo_addresses(users, stdout):
    if Address.objects.exists():
        return
    counts = gar_import(directory=SAMPLE, region="31")
    stdout.write(f"Demo addresses: {counts.houses} houses from the GAR sample.")
