"""Turning a house's place in the GAR hierarchy into the fields of the flattened Address."""

from addresses import gar
from addresses.models import AddressObject, GarLevel
from addresses.normalize import normalize

# Which hierarchy levels fill which field of the flattened address.
FIELD_LEVELS = {
    "region": {GarLevel.REGION},
    "district": {GarLevel.ADMIN_DISTRICT, GarLevel.MUNICIPAL_DISTRICT, GarLevel.SETTLEMENT_MUNICIPALITY,
                 GarLevel.AUTONOMOUS_DISTRICT, GarLevel.INTRACITY_TERRITORY},
    "locality": {GarLevel.CITY, GarLevel.LOCALITY},
    "street": {GarLevel.PLANNING_ELEMENT, GarLevel.STREET, GarLevel.EXTRA_TERRITORY,
               GarLevel.EXTRA_TERRITORY_OBJECT},
}
PLACE_FIELDS = tuple(FIELD_LEVELS)


def path_ids(path):
    return [int(part) for part in path.split(".") if part.isdigit()]


def ancestors_by_id(paths):
    """The address objects named in a batch's paths, by OBJECTID (one query per batch)."""
    ids = {objectid for path in paths for objectid in path_ids(path)}
    return {obj.objectid: obj for obj in AddressObject.objects.filter(objectid__in=ids)}


def place_fields(path, ancestors):
    """region, district, locality and street of the house at `path`, each "тип Название" joined."""
    chain = [ancestors[objectid] for objectid in path_ids(path) if objectid in ancestors]
    return {name: ", ".join(gar.object_label(obj.typename, obj.name, obj.level)
                            for obj in chain if obj.level in levels)
            for name, levels in FIELD_LEVELS.items()}


def joined(parts):
    """The non-empty parts, comma-separated: how an address is written."""
    return ", ".join(part for part in parts if part)


def fill(address, place):
    """Set the place fields of `address` and the texts derived from all its fields."""
    for name, value in place.items():
        setattr(address, name, value)
    parts = [address.region, address.district, address.locality, address.street, address.house, address.building]
    address.full_text = joined(parts)
    address.search_text = normalize(address.full_text)
    return address
