import pytest

from agreements.tests.factories import ENTREPRENEUR_SUBJECT
from agreements.tests.pki_fixtures import authority, legal_key, stranger_key, trusted  # noqa: F401, F811 (fixtures)
from signing.testing import pki


@pytest.fixture(scope="session")
def entrepreneur_key(authority):
    return authority.issue("petrov", "gost2012_256_B", ENTREPRENEUR_SUBJECT)


@pytest.fixture
def sign(tmp_path):
    """sign(agreement, identity) -> the DER of a detached CAdES signature over the agreement text."""
    def make(agreement, identity):
        source = tmp_path / f"agreement-{agreement.pk}.txt"
        source.write_bytes(agreement.text_bytes)
        return pki.sign(identity, source, tmp_path / f"{agreement.pk}-{identity.name}.sig", cades=True).read_bytes()

    return make
