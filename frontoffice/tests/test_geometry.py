import json

import pytest
from django.core.exceptions import ValidationError

from frontoffice.geometry import parse


def test_one_pair_is_a_point_in_geojson_order():
    assert parse("50.5955, 36.5873") == {"type": "Point", "coordinates": [36.5873, 50.5955]}


def test_a_closed_ring_is_a_polygon_and_an_open_one_a_line():
    ring = "50.1, 36.1; 50.2, 36.1; 50.2, 36.2; 50.1, 36.1"
    assert parse(ring)["type"] == "Polygon"
    assert parse("50.1, 36.1; 50.2, 36.1")["type"] == "LineString"


def test_geojson_from_the_map_is_accepted():
    drawn = {"type": "Polygon", "coordinates": [[[36.1, 50.1], [36.1, 50.2], [36.2, 50.2], [36.1, 50.1]]]}
    assert parse(json.dumps(drawn)) == drawn


@pytest.mark.parametrize("text, words", [
    ("", "Отметьте место на карте"),
    ("91, 36", "±90"),
    ("50.1 36.1 7", "«широта, долгота»"),
    ('{"type": "Polygon", "coordinates": [[[36.1, 50.1], [36.2, 50.2], [36.1, 50.1]]]}', "три угла"),
    ('{"type": "Circle"}', "точку, линию или полигон"),
])
def test_bad_coordinates_get_a_russian_reason(text, words):
    with pytest.raises(ValidationError) as caught:
        parse(text)
    assert words in " ".join(caught.value.messages)


def _polygon(*ring):
    return json.dumps({"type": "Polygon", "coordinates": [[list(point) for point in ring]]})


@pytest.mark.parametrize("text, words", [
    ('{"type": "Polygon", "coordinates": []}', "точку, линию или полигон"),
    ('{"type": "Polygon", "coordinates": {"a": 1}}', "точку, линию или полигон"),
    ('{"type": "Point", "coordinates": [true, false]}', "числами"),
    ('{"x": ' + "[" * 20_000 + "]" * 20_000 + "}", "точку, линию или полигон"),
    (_polygon((36.0, 50.0), (36.1, 50.1), (36.1, 50.0), (36.0, 50.1), (36.0, 50.0)), "пересекаются"),
    (_polygon((36.0, 50.0), (36.1, 50.1), (36.2, 50.2), (36.0, 50.0)), "площади"),
    ("50.1, 36.1; 50.1, 36.1; 50.1, 36.1; 50.1, 36.1", "три угла"),
    ("50.1, 36.1; 50.1, 36.1", "две точки"),
    ("50.1, 36.1; -50.1, 136.1", "слишком велико"),
    ('{"type": "LineString", "coordinates": [' + ",".join(["[36.1, 50.1]", "[36.2, 50.2]"] * 300) + "]}", "500"),
])
def test_garbled_or_absurd_shapes_get_a_russian_reason_not_a_crash(text, words):
    with pytest.raises(ValidationError) as caught:
        parse(text)
    assert words in " ".join(caught.value.messages)


def test_a_polygon_with_a_hole_keeps_the_hole():
    outer = [[36.0, 50.0], [36.2, 50.0], [36.2, 50.2], [36.0, 50.2], [36.0, 50.0]]
    hole = [[36.05, 50.05], [36.1, 50.05], [36.1, 50.1], [36.05, 50.05]]
    drawn = {"type": "Polygon", "coordinates": [outer, hole]}
    assert parse(json.dumps(drawn)) == drawn
