"""One normal form for address text, shared by the stored `search_text` and the user's query, so that
"Ул. Щорса, д.8" typed by a person finds "ул. Щорса, д. 8" from the register."""

import re

# Spelled-out or dotted variants people type, mapped to the short form the register uses. Keys are
# whole words after lowercasing and ё→е; the right side is what both sides of the search compare.
ABBREVIATIONS = {
    "улица": "ул", "ул": "ул",
    "проспект": "пр-кт", "пр-т": "пр-кт", "пр": "пр-кт", "просп": "пр-кт",
    "переулок": "пер", "пер": "пер",
    "бульвар": "б-р", "бул": "б-р",
    "площадь": "пл", "шоссе": "ш", "проезд": "проезд", "пр-д": "проезд",
    "набережная": "наб", "микрорайон": "мкр", "мкрн": "мкр",
    "город": "г", "гор": "г", "поселок": "п", "пос": "п", "село": "с", "деревня": "д",
    "дом": "д", "корпус": "к", "корп": "к", "строение": "стр", "литера": "лит",
    "область": "обл", "район": "р-н", "республика": "респ", "край": "край",
}
_WORD = re.compile(r"[0-9a-zа-я]+(?:-[0-9a-zа-я]+)*")
# "д8", "к2", "стр1": a type glued to its number is split so both halves match separately.
_GLUED = re.compile(r"^(д|к|стр|корп|лит)(\d.*)$")


def words(text):
    """The normalized words of `text`: lowercase, ё→е, punctuation dropped, abbreviations unified."""
    result = []
    for word in _WORD.findall((text or "").lower().replace("ё", "е")):
        glued = _GLUED.match(word)
        parts = glued.groups() if glued else (word,)
        result.extend(ABBREVIATIONS.get(part, part) for part in parts)
    return result


def normalize(text):
    return " ".join(words(text))
