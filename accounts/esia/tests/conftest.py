from accounts.esia.testing.fixtures import esia  # noqa: F401
