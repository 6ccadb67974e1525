"""pytest fixture `esia`: the stand-in ESIA running, and the portal's ESIA settings pointing at it."""

import pytest

from accounts.esia.testing.keys import make_pair
from accounts.esia.testing.server import StandInESIA

CLIENT_ID = "PORTAL-TEST"


@pytest.fixture
def esia(settings, tmp_path):
    portal = make_pair(tmp_path / "portal", "portal", "/CN=Портал подключения/O=Тест")
    server = StandInESIA(tmp_path / "esia", CLIENT_ID, portal.cert).start()
    settings.ESIA_BASE_URL = server.base_url
    settings.ESIA_CLIENT_ID = CLIENT_ID
    settings.ESIA_CERTIFICATE = str(portal.cert)
    settings.ESIA_PRIVATE_KEY = str(portal.key)
    settings.ESIA_VERIFY_CERTIFICATE = str(server.esia.cert)
    settings.ESIA_SIGNER = "openssl"
    server.portal = portal
    yield server
    server.stop()
