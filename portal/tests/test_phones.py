"""Phone numbers are written by their real area code."""

import pytest
from django.template import Context, Template

from portal.phones import format_phone


@pytest.mark.parametrize(("number", "written"), [
    ("+74722334455", "+7 4722 33-44-55"),     # Belgorod: a 4-digit code, 6-digit numbers
    ("+74712512345", "+7 4712 51-23-45"),     # Kursk
    ("+74951234567", "+7 495 123-45-67"),     # Moscow
    ("+78121234567", "+7 812 123-45-67"),     # St Petersburg
    ("+79123456789", "+7 912 345-67-89"),     # mobile
    ("88001234567", "+7 800 123-45-67"),      # toll-free, typed with 8
    ("+441234567890", "+44 1234 567890"),
    # Real numbers of public offices and cities of every kind of code.
    ("+74957777777", "+7 495 777-77-77"),     # Moscow, 7-digit numbers
    ("+74965123456", "+7 496 512-34-56"),     # Moscow region: 7-digit numbers too
    ("+78125764500", "+7 812 576-45-00"),     # St Petersburg
    ("+73433710000", "+7 343 371-00-00"),     # Екатеринбург: a city exchange inside zone 343
    ("+73832274000", "+7 383 227-40-00"),     # Новосибирск
    ("+78432645000", "+7 843 264-50-00"),     # Казань
    ("+73812240000", "+7 3812 24-00-00"),     # Омск: a regional centre, zone + «2»
    ("+78442300000", "+7 8442 30-00-00"),     # Волгоград
    ("+74012921000", "+7 4012 92-10-00"),     # Калининград
    ("+73435410000", "+7 3435 41-00-00"),     # Нижний Тагил: a large city with a code of its own
    ("+73519490000", "+7 3519 49-00-00"),     # Магнитогорск
    ("+78453560000", "+7 8453 56-00-00"),     # Энгельс
    ("+78456321234", "+7 84563 2-12-34"),     # Дергачи (Саратовская обл.): a district's 5-digit code
    ("+78137120000", "+7 81371 2-00-00"),     # Гатчина (Ленинградская обл.)
    ("+73513920000", "+7 35139 2-00-00"),     # Копейск: zone 343's neighbour 351, not Челябинск's exchange
    ("+73882220000", "+7 38822 2-00-00"),     # Горно-Алтайск: zone + «2», but a 5-digit code
    ("+79001234567", "+7 900 123-45-67"),     # mobile
    ("+78002000600", "+7 800 200-06-00"),     # toll-free
    ("+77172123456", "+7 7172 12 34 56"),     # Kazakhstan (Astana) shares +7: phonenumbers' own pattern
    ("", ""),
    ("не номер", "не номер"),
])
def test_numbers_are_grouped_by_their_area_code(number, written):
    assert format_phone(number) == written


@pytest.mark.django_db
def test_the_settings_page_writes_a_city_number_by_its_code(client, applicant):
    type(applicant).objects.filter(pk=applicant.pk).update(phone="+74722334455")
    client.force_login(applicant)
    assert "+7 4722 33-44-55" in client.get("/accounts/settings/").content.decode()


def test_the_template_filter_formats_a_phone_number_object():
    from phonenumber_field.phonenumber import PhoneNumber

    rendered = Template("{% load portal_tags %}{{ value|phone }}").render(
        Context({"value": PhoneNumber.from_string("+74722334455")}))
    assert rendered == "+7 4722 33-44-55"


def test_every_template_and_message_writes_phones_through_the_formatter():
    """No page, e-mail, SMS or message prints a phone as stored (+74722334455) or as phonenumbers writes it
    (+7 472 233-44-55): templates use the `phone` filter, code uses format_phone."""
    import re
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    skipped = {".venv", "node_modules", "var", "tests", "bench", "migrations"}
    printed = re.compile(r"\{\{[^}|]*\.phone(\.as_\w+)?\s*\}\}|phone=[\w.]*\.(phone|as_\w+)\s*%\}")
    found = []
    for path in root.rglob("*"):
        if skipped & set(path.relative_to(root).parts) or path.suffix not in (".html", ".txt", ".py"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        pattern = re.compile(r"\.as_international\b") if path.suffix == ".py" else printed
        found += [f"{path.relative_to(root)}: {match.group(0)}" for match in pattern.finditer(text)]
    assert not found, "\n".join(found)
