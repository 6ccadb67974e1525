"""Streebog and GOST R 34.11-94: standard vectors through the native provider and the pure fallback."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signing import gost
from signing.gost import hashes, native

M1 = b"012345678901234567890123456789012345678901234567890123456789012"
# RFC 6986 example 2, "Се ветри, Стрибожи внуци…" in the byte order the hash reads it.
M2 = "Се ветри, Стрибожи внуци, веютъ с моря стрелами на храбрыя плъкы Игоревы".encode("cp1251")

STREEBOG_VECTORS = [
    ("streebog512", M1, "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
                        "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48"),
    ("streebog256", M1, "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500"),
    ("streebog512", M2, "1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376"
                        "035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28"),
    ("streebog256", M2, "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50"),
]

# GOST R 34.11-94 with the CryptoPro parameter set (RFC 4357); the empty-message value is the one
# OpenSSL and the standard's stage 3 give (some tables omit the padded block and list 981e5f3c…).
GOST94_VECTORS = [
    (b"", "3f25bc1fbbce27ca10fb1958f319473ae7e17482c3b53ecf47a7e2de8aabe4c8"),
    (b"a", "e74c52dd282183bf37af0079c9f78055715a103f17e3133ceff1aacf2f403011"),
    (b"abc", "b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c"),
    (b"message digest", "bc6041dd2aa401ebfa6e9886734174febdb4729aa972d60f549ac39b29721ba0"),
    (b"The quick brown fox jumps over the lazy dog",
     "9004294a361a508c586fe53d1f1b02746765e71b765472786e4770d565830a76"),
    (b"This is message, length=32 bytes", "2cefc2f7b7bdc514e18ea57fa74ff357e7fa17d652c75f69cb1be7893ede48eb"),
    (b"Suppose the original message has length = 50 bytes",
     "c3730c5cbccacf915ac292676f21e8bd4ef75331d9405e5f1a61dc3130a65011"),
    (128 * b"U", "1c4ac7614691bbf427fa2316216be8f10d92edfd37cd1027514c1008f649c4e8"),
]

ALL_VECTORS = STREEBOG_VECTORS + [("gostr3411_94", message, digest) for message, digest in GOST94_VECTORS]


def test_the_gost_provider_is_loaded_natively_here():
    assert native.available_digests() == frozenset(hashes.GOST_DIGESTS)
    assert all(gost.is_native(name) for name in hashes.GOST_DIGESTS)


@pytest.mark.parametrize("name, message, expected", ALL_VECTORS)
def test_native_digest_matches_the_standard_vector(name, message, expected):
    assert gost.new(name, message).hexdigest() == expected


@pytest.mark.parametrize("name, message, expected", ALL_VECTORS)
def test_pure_python_digest_matches_the_standard_vector(name, message, expected):
    assert gost.new_pure(name, message).hexdigest() == expected


@pytest.mark.parametrize("name", hashes.GOST_DIGESTS)
def test_pure_python_streams_across_block_boundaries(name):
    data = bytes(range(256)) * 3
    hasher = gost.new_pure(name)
    for start in range(0, len(data), 37):
        hasher.update(data[start:start + 37])
    assert hasher.digest() == gost.new(name, data).digest()


@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=300), split=st.integers(min_value=0, max_value=300),
       name=st.sampled_from(hashes.GOST_DIGESTS))
def test_pure_and_native_agree_on_any_input(data, split, name):
    pure = gost.new_pure(name, data[:split])
    pure.update(data[split:])
    assert pure.digest() == gost.new(name, data).digest()


def test_copy_forks_the_pure_state():
    hasher = gost.new_pure("streebog256", b"foo")
    fork = hasher.copy()
    fork.update(b"bar")
    assert fork.digest() == gost.new("streebog256", b"foobar").digest()
    assert hasher.digest() == gost.new("streebog256", b"foo").digest()


def test_unknown_digest_is_refused():
    with pytest.raises(gost.UnknownDigest):
        gost.new("md2")


def test_native_can_be_switched_off(monkeypatch):
    native.available_digests.cache_clear()
    monkeypatch.setenv("SIGNING_GOST_NATIVE", "0")
    try:
        assert not gost.is_native("streebog256")
        assert gost.new("streebog256", M1).hexdigest() == STREEBOG_VECTORS[1][2]
    finally:
        monkeypatch.delenv("SIGNING_GOST_NATIVE")
        native.available_digests.cache_clear()
