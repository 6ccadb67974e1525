"""Reading a GAR (ФИАС) XML extract: finding a region's files and streaming their rows.

The published archive has one folder per region ("31" for Белгородская обл.) holding, among others,
AS_ADDR_OBJ_<date>_<guid>.XML (<ADDRESSOBJECTS><OBJECT .../>), AS_ADM_HIERARCHY_<date>_<guid>.XML
(<ITEMS><ITEM .../>) and AS_HOUSES_<date>_<guid>.XML (<HOUSES><HOUSE .../>). A large region's house
file is gigabytes, so rows are streamed a read at a time.
"""

import re
import uuid
from pathlib import Path
from xml.parsers import expat

from django.utils.translation import gettext as _

# The date and GUID suffix keeps AS_ADDR_OBJ_PARAMS_... and AS_ADDR_OBJ_DIVISION_... out.
_SUFFIX = r"_\d{8}_[0-9a-fA-F-]{36}\.xml$"
FILE_KINDS = {
    "addr_obj": (re.compile(r"^AS_ADDR_OBJ" + _SUFFIX, re.I), "OBJECT"),
    "hierarchy": (re.compile(r"^AS_ADM_HIERARCHY" + _SUFFIX, re.I), "ITEM"),
    "houses": (re.compile(r"^AS_HOUSES" + _SUFFIX, re.I), "HOUSE"),
}

# AS_HOUSE_TYPES and AS_ADDHOUSE_TYPES reference files: the short forms used in full addresses.
HOUSE_TYPES = {
    1: "влд.", 2: "д.", 3: "двлд.", 4: "г-ж", 5: "зд.", 6: "шахта", 7: "стр.", 8: "соор.", 9: "литера",
    10: "корп.", 11: "подв.", 12: "кот.", 13: "п-б", 14: "ОНС",
}
ADD_TYPES = {1: "корп.", 2: "стр.", 3: "соор.", 4: "лит."}

# GAR type names written after the name ("Белгородская обл.", "Белгородский р-н").
_SUFFIX_TYPES = {"обл", "край", "АО", "Аобл", "р-н", "м.р-н", "г.о.", "м.о.", "с.п.", "г.п."}
_UNDOTTED = {"край", "АО", "Аобл", "пгт", "рп", "снт", "днп"}


class GarError(Exception):
    """A problem with the extract itself (missing folder, no files, broken XML), said for people."""


def region_dirs(directory, region=None):
    """The folders to import: DIRECTORY/REGION, DIRECTORY itself, or every region folder in it."""
    root = Path(directory)
    if not root.is_dir():
        raise GarError(_("The directory %(path)s does not exist.") % {"path": root})
    if region:
        folder = root / str(region)
        if not folder.is_dir():
            raise GarError(_("There is no region folder %(path)s.") % {"path": folder})
        candidates = [folder]
    else:
        candidates = [root] + sorted(p for p in root.iterdir() if p.is_dir() and p.name.isdigit())
    found = [folder for folder in candidates if any(files_of(folder, kind) for kind in FILE_KINDS)]
    if not found:
        raise GarError(_("No GAR files (AS_ADDR_OBJ, AS_ADM_HIERARCHY, AS_HOUSES) in %(path)s.")
                       % {"path": candidates[0]})
    return found


def files_of(folder, kind):
    pattern = FILE_KINDS[kind][0]
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and pattern.match(p.name))


READ_BYTES = 1 << 16


def rows(path, kind):
    """Each row's attributes as a dict, with memory bounded by one read (64 KB of XML) whatever the
    file size. Expat is driven directly: building ElementTree elements for each row only to throw them
    away was a third of an import's time (issue 18)."""
    tag = FILE_KINDS[kind][1]
    pending = []
    parser = _parser(lambda name, attributes: pending.append(attributes) if name == tag else None)
    try:
        with open(path, "rb") as source:
            while chunk := source.read(READ_BYTES):
                parser.Parse(chunk, False)
                yield from pending
                pending.clear()
            parser.Parse(b"", True)
            yield from pending
    except (expat.ExpatError, _Refused) as error:
        raise GarError(_("%(file)s is not valid GAR XML: %(error)s") % {"file": Path(path).name, "error": error}) \
            from error


class _Refused(Exception):
    pass


def _parser(start):
    """An expat parser that refuses any DTD or entity: an extract is a file from outside, and an
    entity bomb or an external entity must not reach the server (what defusedxml refuses too)."""
    def refuse(*_args):
        raise _Refused("DTDs and entities are not allowed.")

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    return parser


def object_label(typename, name, level):
    """"г. Белгород", "ул. Щорса", "Белгородская обл." from GAR's TYPENAME and NAME."""
    short = typename if ("." in typename or "-" in typename or len(typename) > 4 or typename in _UNDOTTED) \
        else f"{typename}."
    if typename in _SUFFIX_TYPES and level <= 4:
        return f"{name} {short}"
    return f"{short} {name}"


def house_label(house_type, number):
    if not number:
        return ""
    return f"{HOUSE_TYPES.get(house_type, 'д.')} {number}"


def building_label(row):
    """ADDNUM1/ADDTYPE1 and ADDNUM2/ADDTYPE2: "корп. 2", "стр. 1", or both."""
    if "ADDNUM1" not in row and "ADDNUM2" not in row:  # most houses: no need to build the names below
        return ""
    parts = []
    for index in ("1", "2"):
        number = row.get(f"ADDNUM{index}")
        if number:
            parts.append(f"{ADD_TYPES.get(as_int(row.get(f'ADDTYPE{index}')), 'корп.')} {number}")
    return ", ".join(parts)


def as_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


_CANONICAL_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def guid(text):
    """An OBJECTGUID as canonical text ("3bb2c67e-f828-4aef-86f3-16e9e4cd3150", as GAR writes them);
    any other form uuid.UUID takes is rewritten so; ValueError if none. Text rather than a UUID:
    checking the form costs a quarter of parsing it, and the COPY sends text anyway (issue 18)."""
    if _CANONICAL_GUID.fullmatch(text):
        return text
    return str(uuid.UUID(text))


def is_set(row, flag):
    return row.get(flag) == "1"
