"""Staff, reviewers and front-office operators see only their menus: no applicant «Заявки», «Обращения»
or «Настройки» (issue 17), on the home page and on their workplace."""

import re

import pytest
from django.urls import reverse

from frontoffice.tests.factories import front_office_operator

pytestmark = pytest.mark.django_db

APPLICANT_ITEMS = {"applications:list": "Заявки", "appeals:list": "Обращения", "accounts:settings": "Настройки"}


def _menu(client, user, url):
    client.force_login(user)
    page = client.get(url).content.decode()
    return page[page.index("<nav"):page.index("</nav>")]


@pytest.mark.parametrize("persona", ["staff", "reviewer", "front_office"])
@pytest.mark.parametrize("url", ["/", "/staff/"])
def test_workers_see_no_applicant_menu(client, request, persona, url):
    user = front_office_operator() if persona == "front_office" else request.getfixturevalue(persona)
    menu = _menu(client, user, url)
    for name, label in APPLICANT_ITEMS.items():
        assert f'href="{reverse(name)}"' not in menu, (persona, label)
    assert re.search(r">\s*Рабочее место\s*<", menu), persona


def test_an_applicant_keeps_the_applicant_menu(client, applicant):
    menu = _menu(client, applicant, "/")
    for name in APPLICANT_ITEMS:
        assert f'href="{reverse(name)}"' in menu
