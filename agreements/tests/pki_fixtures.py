"""A test certification centre and the organisations' GOST keys, shared by the tests of everything an
organisation signs under its agreement (agreements, notices, passports): import the fixtures into a
conftest. Session-scoped, since making keys with OpenSSL's GOST engine takes a while."""

import pytest

from accounts import sample_numbers
from agreements.tests.factories import LEGAL_SUBJECT
from signing.testing import pki

STRANGER_SUBJECT = (f"/CN=ООО «Лютик»/O=ООО «Лютик»/SN=Лютиков/GN=Лев Львович"
                    f"/INNLE={sample_numbers.inn_legal('500100732')}/OGRN={sample_numbers.ogrn('102500000000')}")


@pytest.fixture(scope="session")
def authority(tmp_path_factory):
    return pki.Authority(tmp_path_factory.mktemp("organisation-pki"), "root", "gost2012_256_TCA",
                         subject="/CN=Тестовый УЦ/O=Test PKI")


@pytest.fixture(scope="session")
def legal_key(authority):
    return authority.issue("romashka", "gost2012_256_B", LEGAL_SUBJECT)


@pytest.fixture(scope="session")
def stranger_key(authority):
    """A qualified key of another organisation (ООО «Лютик»)."""
    return authority.issue("other-org", "gost2012_256_B", STRANGER_SUBJECT)


@pytest.fixture
def trusted(settings, authority):
    settings.SIGNING_TRUST_ANCHORS = [str(authority.cert)]
