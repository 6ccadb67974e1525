"""The place of works as GeoJSON (RFC 7946): what the map draws or what the operator types instead.

Accepted: a GeoJSON geometry or Feature of type Point, LineString or Polygon; or text "lat, lon; lat, lon; ..."
(one pair is a point, several a line, a closed ring of 4+ pairs a polygon). Returns a GeoJSON geometry
dict with [longitude, latitude] positions; raises ValidationError with a Russian message.
"""

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

KINDS = ("Point", "LineString", "Polygon")


def _position(pair):
    try:
        lon, lat = float(pair[0]), float(pair[1])
    except (TypeError, ValueError, IndexError) as exc:
        raise ValidationError(_("Coordinates must be numbers.")) from exc
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(_("Latitude must lie within ±90 and longitude within ±180 degrees."))
    return [round(lon, 7), round(lat, 7)]


def _from_geojson(data):
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in KINDS:
        raise ValidationError(_("Mark a point, a line or a polygon on the map."))
    kind, coordinates = data["type"], data.get("coordinates")
    try:
        if kind == "Point":
            return {"type": kind, "coordinates": _position(coordinates)}
        if kind == "LineString":
            line = [_position(p) for p in coordinates]
            if len(line) < 2:
                raise ValidationError(_("A line needs at least two points."))
            return {"type": kind, "coordinates": line}
        ring = [_position(p) for p in coordinates[0]]
    except TypeError as exc:
        raise ValidationError(_("Mark a point, a line or a polygon on the map.")) from exc
    if len(ring) < 4 or ring[0] != ring[-1]:
        raise ValidationError(_("A polygon needs at least three corners."))
    return {"type": kind, "coordinates": [ring]}


def _from_text(text):
    pairs = [part.replace(",", " ").split() for part in text.replace("\n", ";").split(";") if part.strip()]
    if any(len(pair) != 2 for pair in pairs):
        raise ValidationError(_("Write each point as «latitude, longitude» and separate points with «;»."))
    positions = [_position([lon, lat]) for lat, lon in pairs]
    if len(positions) == 1:
        return {"type": "Point", "coordinates": positions[0]}
    if len(positions) >= 4 and positions[0] == positions[-1]:
        return {"type": "Polygon", "coordinates": [positions]}
    return {"type": "LineString", "coordinates": positions}


def parse(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Mark the place on the map or type its coordinates."))
    if text.startswith("{"):
        try:
            return _from_geojson(json.loads(text))
        except ValueError as exc:
            raise ValidationError(_("Mark a point, a line or a polygon on the map.")) from exc
    return _from_text(text)
