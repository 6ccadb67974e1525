"""portal.kept.remembered: made once per key, bounded, and still keeping after the bound is reached."""

import pytest

from portal.kept import remembered


def test_a_value_is_made_once_per_key_and_the_store_starts_again_when_full():
    store, made = {}, []

    def make(value):
        made.append(value)
        return value

    assert [remembered(store, key, lambda key=key: make(key), 2) for key in ("a", "a", "b", "b")] == list("aabb")
    assert made == ["a", "b"]
    assert remembered(store, "c", lambda: make("c"), 2) == "c"  # full: emptied, then "c" kept
    assert store == {"c": "c"} and remembered(store, "c", lambda: make("again"), 2) == "c"


def test_a_value_that_cannot_be_made_is_not_kept():
    store = {}

    def missing():
        raise ValueError("no such file in the manifest")

    with pytest.raises(ValueError):
        remembered(store, "x", missing, 2)
    assert store == {}
