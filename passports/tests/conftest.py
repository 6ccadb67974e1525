import pytest

from agreements.tests.pki_fixtures import authority, legal_key, stranger_key, trusted  # noqa: F401, F811 (fixtures)
from passports.tests import factories
from signing.testing import pki


@pytest.fixture
def org(reviewer):
    return factories.organisation(reviewer)


@pytest.fixture
def other_org(reviewer):
    from accounts import sample_numbers

    return factories.organisation(reviewer, org_short_name="ООО «Лютик»", org_full_name="ООО «Лютик»",
                                  inn=sample_numbers.inn_legal("500100732"), ogrn=sample_numbers.ogrn("102500000000"),
                                  email="office@lyutik.example.ru")


@pytest.fixture
def second_reviewer(db):
    from accounts.tests.factories import ReviewerFactory

    return ReviewerFactory(username="reviewer2")


@pytest.fixture
def sign(tmp_path):
    """sign(passport, identity) -> the DER of a detached CAdES signature over the frozen content."""
    def make(passport, identity):
        source = tmp_path / f"passport-{passport.pk}.json"
        source.write_bytes(passport.content_bytes)
        return pki.sign(identity, source, tmp_path / f"{passport.pk}-{identity.name}.sig", cades=True).read_bytes()

    return make
