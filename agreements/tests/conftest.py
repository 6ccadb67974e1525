import pytest

from agreements.tests.factories import ENTREPRENEUR_SUBJECT, LEGAL_SUBJECT
from signing.testing import pki


@pytest.fixture(scope="session")
def authority(tmp_path_factory):
    return pki.Authority(tmp_path_factory.mktemp("agreement-pki"), "root", "gost2012_256_TCA",
                         subject="/CN=Тестовый УЦ/O=Test PKI")


@pytest.fixture(scope="session")
def legal_key(authority):
    return authority.issue("romashka", "gost2012_256_B", LEGAL_SUBJECT)


@pytest.fixture(scope="session")
def entrepreneur_key(authority):
    return authority.issue("petrov", "gost2012_256_B", ENTREPRENEUR_SUBJECT)


@pytest.fixture(scope="session")
def stranger_key(authority):
    from accounts import sample_numbers

    return authority.issue("other-org", "gost2012_256_B",
                           f"/CN=ООО «Лютик»/O=ООО «Лютик»/SN=Лютиков/GN=Лев Львович"
                           f"/INNLE={sample_numbers.inn_legal('500100732')}/OGRN={sample_numbers.ogrn('102500000000')}")


@pytest.fixture
def trusted(settings, authority):
    settings.SIGNING_TRUST_ANCHORS = [str(authority.cert)]


@pytest.fixture
def sign(tmp_path):
    """sign(agreement, identity) -> the DER of a detached CAdES signature over the agreement text."""
    def make(agreement, identity):
        source = tmp_path / f"agreement-{agreement.pk}.txt"
        source.write_bytes(agreement.text_bytes)
        return pki.sign(identity, source, tmp_path / f"{agreement.pk}-{identity.name}.sig", cades=True).read_bytes()

    return make
