import base64
import hashlib
import itertools
import uuid

import pytest

from accounts import sample_numbers
from agreements.tests.factories import LEGAL_SUBJECT, accepted
from agreements.tests.pki_fixtures import STRANGER_SUBJECT, authority, legal_key, stranger_key, trusted  # noqa: F401 (fixtures)
from integrations.tests import factories
from signing.testing import pki

_counter = itertools.count()


@pytest.fixture(scope="session")
def second_key(authority):
    """Another qualified certificate of the same organisation: not the one registered for the system."""
    return authority.issue("romashka-2", "gost2012_256_B", LEGAL_SUBJECT)


@pytest.fixture(scope="session")
def operator_key(authority):
    """The qualified key of ООО «Лютик», an IS operator whose commercial system serves others."""
    return authority.issue("lyutik-system", "gost2012_256_B", STRANGER_SUBJECT)


@pytest.fixture
def sign_bytes(tmp_path):
    """sign_bytes(identity, data) -> DER of a detached CAdES-BES signature over `data`."""
    def make(identity, data):
        number = next(_counter)
        source = tmp_path / f"content-{number}.bin"
        source.write_bytes(data)
        return pki.sign(identity, source, tmp_path / f"content-{number}.sig", cades=True).read_bytes()

    return make


@pytest.fixture
def organisation(reviewer):
    """ООО «Ромашка»'s account, with its agreement in force (its key: legal_key)."""
    return accepted(reviewer).organisation


@pytest.fixture
def operator_organisation(reviewer):
    """ООО «Лютик»'s account with an agreement in force (its key: operator_key)."""
    return accepted(reviewer, inn=sample_numbers.inn_legal("500100732"), ogrn=sample_numbers.ogrn("102500000000"),
                    org_short_name="ООО «Лютик»", email="office@lyutik.example.ru").organisation


@pytest.fixture
def active_system(trusted, organisation, legal_key, reviewer, sign_bytes):
    return factories.active_system(organisation, legal_key, reviewer, sign_bytes)


def canonical(method, path, system, provider, request_id, body):
    """The text X-Signature signs (integrations.api.auth.canonical_request), written out independently."""
    route, _, query = path.partition("?")
    lines = [method.upper(), route, query, str(system.identifier), str(provider or ""), request_id,
             hashlib.sha256(body).hexdigest()]
    return "".join(f"{line}\n" for line in lines).encode()


@pytest.fixture
def signed_call(client, sign_bytes):
    """signed_call(method, path, identity, system, provider, body=b"", **headers) -> response.

    Signs the canonical request with `identity` (or sends `signature`, DER, as it is), with a fresh
    X-Request-Id unless `request_id` is given; `document=identity` adds X-Document-Signature over the body."""
    def call(method, path, identity, system, provider=None, body=b"", signature=None, request_id=None,
             document=None, **headers):
        request_id = request_id or str(uuid.uuid4())
        der = signature if signature is not None else sign_bytes(
            identity, canonical(method, path, system, provider, request_id, body))
        extra = {"HTTP_X_IS_ID": str(system.identifier), "HTTP_X_SIGNATURE": base64.b64encode(der).decode(),
                 "HTTP_X_REQUEST_ID": request_id}
        if provider is not None:
            extra["HTTP_X_PROVIDER_ID"] = str(provider)
        if document is not None:
            extra["HTTP_X_DOCUMENT_SIGNATURE"] = base64.b64encode(sign_bytes(document, body)).decode()
        extra.update({f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()})
        return getattr(client, method)(path, data=body, content_type="application/json", **extra)

    return call
