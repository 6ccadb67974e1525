import pytest

from frontoffice.tests.factories import front_office_operator


@pytest.fixture
def operator(client):
    """The front-office operator, logged in on `client`."""
    user = front_office_operator()
    client.force_login(user)
    return user
