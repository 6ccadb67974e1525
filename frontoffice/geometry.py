"""The place of works as GeoJSON (RFC 7946): what the map draws or what the operator types instead.

Accepted: a GeoJSON geometry or Feature of type Point, LineString or Polygon; or text "lat, lon; lat, lon; ..."
(one pair is a point, several a line, a closed ring of 4+ pairs a polygon). Returns a GeoJSON geometry
dict with [longitude, latitude] positions; raises ValidationError with a Russian message.

A place of works is local: at most MAX_POINTS points, within MAX_SPAN_DEGREES (~200 km) in latitude and
longitude, and a polygon is a simple ring (RFC 7946 §3.1.6 linear ring; OGC Simple Features: no
self-intersection) with an area - whatever a browser, a script or a garbled form sends.
"""

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

KINDS = ("Point", "LineString", "Polygon")
MAX_POINTS = 500
MAX_TEXT = 100_000  # characters: ~MAX_POINTS positions in GeoJSON with 7 decimals, and room to spare
MAX_SPAN_DEGREES = 2.0


def _invalid():
    return ValidationError(_("Mark a point, a line or a polygon on the map."))


def _position(pair):
    if not isinstance(pair, list | tuple) or len(pair) < 2 or any(isinstance(value, bool) for value in pair[:2]):
        raise ValidationError(_("Coordinates must be numbers."))
    try:
        lon, lat = float(pair[0]), float(pair[1])
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Coordinates must be numbers.")) from exc
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(_("Latitude must lie within ±90 and longitude within ±180 degrees."))
    return [round(lon, 7), round(lat, 7)]


def _positions(items):
    if not isinstance(items, list):
        raise _invalid()
    if len(items) > MAX_POINTS:
        raise ValidationError(_("Too many points: at most %(count)s.") % {"count": MAX_POINTS})
    return [_position(item) for item in items]


def _from_geojson(data):
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in KINDS:
        raise _invalid()
    kind, coordinates = data["type"], data.get("coordinates")
    if kind == "Point":
        return _checked({"type": kind, "coordinates": _position(coordinates)})
    if kind == "LineString":
        return _checked({"type": kind, "coordinates": _positions(coordinates)})
    if not isinstance(coordinates, list) or not coordinates:
        raise _invalid()
    return _checked({"type": kind, "coordinates": [_positions(ring) for ring in coordinates]})


def _from_text(text):
    pairs = [part.replace(",", " ").split() for part in text.replace("\n", ";").split(";") if part.strip()]
    if any(len(pair) != 2 for pair in pairs):
        raise ValidationError(_("Write each point as «latitude, longitude» and separate points with «;»."))
    positions = _positions([[lon, lat] for lat, lon in pairs])
    if len(positions) == 1:
        return _checked({"type": "Point", "coordinates": positions[0]})
    if len(positions) >= 4 and positions[0] == positions[-1]:
        return _checked({"type": "Polygon", "coordinates": [positions]})
    return _checked({"type": "LineString", "coordinates": positions})


def _checked(geometry):
    """The shape's own rules, then its extent."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        if len({tuple(point) for point in coordinates}) < 2:
            raise ValidationError(_("A line needs at least two points."))
        points = coordinates
    elif kind == "Polygon":
        if sum(len(ring) for ring in coordinates) > MAX_POINTS:
            raise ValidationError(_("Too many points: at most %(count)s.") % {"count": MAX_POINTS})
        for ring in coordinates:
            _check_ring(ring)
        points = [point for ring in coordinates for point in ring]
    else:
        points = [coordinates]
    lons, lats = [point[0] for point in points], [point[1] for point in points]
    if max(lons) - min(lons) > MAX_SPAN_DEGREES or max(lats) - min(lats) > MAX_SPAN_DEGREES:
        raise ValidationError(_("The place of works is too large for one case: check the coordinates (latitude "
                                "first, then longitude)."))
    return geometry


def _check_ring(ring):
    if len(ring) < 4 or ring[0] != ring[-1] or len({tuple(point) for point in ring}) < 3:
        raise ValidationError(_("A polygon needs at least three corners."))
    if _self_intersects(ring):
        raise ValidationError(_("The polygon's sides cross each other: draw its outline without crossings."))
    if abs(_area(ring)) < 1e-12:
        raise ValidationError(_("The polygon has no area: its corners lie on one line."))


def _area(ring):
    """Twice the signed area by the shoelace formula, in square degrees (enough to tell zero)."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _on_segment(p, q, r):
    return min(p[0], r[0]) <= q[0] <= max(p[0], r[0]) and min(p[1], r[1]) <= q[1] <= max(p[1], r[1])


def _segments_touch(p1, p2, p3, p4):
    d1, d2, d3, d4 = _cross(p3, p4, p1), _cross(p3, p4, p2), _cross(p1, p2, p3), _cross(p1, p2, p4)
    if ((d1 > 0) != (d2 > 0) and d1 and d2) and ((d3 > 0) != (d4 > 0) and d3 and d4):
        return True
    return ((d1 == 0 and _on_segment(p3, p1, p4)) or (d2 == 0 and _on_segment(p3, p2, p4))
            or (d3 == 0 and _on_segment(p1, p3, p2)) or (d4 == 0 and _on_segment(p1, p4, p2)))


def _self_intersects(ring):
    """Whether two non-adjacent sides of the closed ring meet (O(n²), n <= MAX_POINTS)."""
    sides = [(ring[i], ring[i + 1]) for i in range(len(ring) - 1) if ring[i] != ring[i + 1]]
    count = len(sides)
    for i in range(count):
        for j in range(i + 2, count):
            if i == 0 and j == count - 1:
                continue  # the first and last sides share the closing corner
            if _segments_touch(*sides[i], *sides[j]):
                return True
    return False


def parse(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Mark the place on the map or type its coordinates."))
    if len(text) > MAX_TEXT:
        raise ValidationError(_("Too many points: at most %(count)s.") % {"count": MAX_POINTS})
    if text.startswith(("{", "[")):
        try:
            return _from_geojson(json.loads(text))
        except (ValueError, RecursionError) as exc:
            raise _invalid() from exc
    return _from_text(text)
