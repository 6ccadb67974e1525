from pathlib import Path

import pytest

from addresses.services import gar_import
from agreements.tests.pki_fixtures import authority, legal_key, stranger_key, trusted  # noqa: F401, F811 (fixtures)

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


# --- served-address notices: organisations with agreements in force and real GOST signatures -------

@pytest.fixture
def sign(tmp_path):
    """sign(notice, identity) -> the DER of a detached CAdES signature over the notice text."""
    from signing.testing import pki

    def make(notice, identity):
        source = tmp_path / f"notice-{notice.pk}.txt"
        source.write_bytes(notice.text_bytes)
        return pki.sign(identity, source, tmp_path / f"{notice.pk}-{identity.name}.sig", cades=True).read_bytes()

    return make


@pytest.fixture
def organisation(reviewer):
    """ООО «Ромашка»'s account, made by accepting its agreement (its INN/OGRN are legal_key's)."""
    from agreements.tests.factories import accepted

    return accepted(reviewer).organisation


@pytest.fixture
def other_organisation(reviewer):
    from addresses.tests.notice_factories import stranger_organisation

    return stranger_organisation(reviewer)
