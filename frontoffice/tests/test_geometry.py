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
