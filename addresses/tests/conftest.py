from pathlib import Path

import pytest

from addresses.services import gar_import

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "gar"


@pytest.fixture
def sample_dir():
    return SAMPLE


@pytest.fixture
def imported(db):
    """The shipped Белгород sample, imported."""
    return gar_import(directory=SAMPLE, region="31")


@pytest.fixture
def english():
    """Commands speak the active language (ru): messages are checked by their English msgids."""
    from django.utils import translation

    with translation.override("en"):
        yield
