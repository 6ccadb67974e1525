"""suggest.js in headless Chromium: typing, the listbox, keyboard choice, the hidden id field.

The portal has no page with an address field yet (the served-address notice form comes next), so the
test serves a minimal one from the live server's origin under the portal's real CSP header."""

import pytest
from django.conf import settings
from django.urls import reverse

from addresses.models import Address

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Адрес</title></head><body><form>
<div><label for="address">Адрес</label>
<input id="address" data-address-suggest="{suggest}" data-address-target="address-id">
<input type="hidden" id="address-id" name="address"></div></form>
<script src="{script}"></script></body></html>"""


@pytest.fixture
def form_page(page, live_server, client, applicant):
    """A minimal page with an address field, served from the live server's origin with the real CSP."""
    client.force_login(applicant)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    html = PAGE.format(suggest=reverse("addresses:suggest"), script=settings.STATIC_URL + "addresses/suggest.js")
    page.route(f"{live_server.url}/address-form/", lambda route: route.fulfill(
        status=200, body=html, headers={"Content-Type": "text/html; charset=utf-8",
                                        "Content-Security-Policy": settings.CONTENT_SECURITY_POLICY}))
    page.goto("/address-form/")
    return page


@pytest.fixture
def imported(transactional_db):
    from addresses.demo import SAMPLE
    from addresses.services import gar_import

    return gar_import(directory=SAMPLE, region="31")


def test_typing_shows_suggestions_and_the_keyboard_chooses_one(form_page, imported):
    page, errors = form_page, []
    page.on("pageerror", lambda error: errors.append(str(error)))
    field = page.locator("#address")
    field.press_sequentially("щорса 8")
    options = page.get_by_role("option")
    options.first.wait_for()
    assert options.all_text_contents() == ["Белгородская обл., г. Белгород, ул. Щорса, д. 8",
                                           "Белгородская обл., г. Белгород, ул. Щорса, д. 8, корп. 2"]
    assert field.get_attribute("aria-expanded") == "true"
    field.press("ArrowDown")
    field.press("ArrowDown")
    field.press("Enter")
    chosen = Address.objects.get(building="корп. 2", street="ул. Щорса")
    assert field.input_value() == chosen.full_text
    assert page.locator("#address-id").input_value() == str(chosen.pk)
    assert page.get_by_role("listbox").is_hidden() and errors == []


def test_two_characters_ask_nothing_and_escape_closes_the_list(form_page, imported):
    page = form_page
    field = page.locator("#address")
    field.press_sequentially("сад")
    page.get_by_role("option").first.wait_for()
    field.press("Escape")
    assert page.get_by_role("listbox").is_hidden()
    field.fill("са")
    page.wait_for_timeout(400)
    assert page.get_by_role("option").count() == 0
