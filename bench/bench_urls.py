"""The portal's URLs plus the reference page of the applications benchmark."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

# Roughly the shape of a small real page: a title, a loop and a filter, but no database, no session,
# no user. Compiled once, as the cached template loader does for the portal's own templates.
MINIMAL_TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>{{ title }}</title></head>"
    "<body><h1>{{ title|upper }}</h1><ul>{% for item in items %}<li>{{ forloop.counter }}. {{ item }}</li>"
    "{% endfor %}</ul></body></html>"
)
ITEMS = [f"строка {number}" for number in range(20)]


def minimal(request):
    return HttpResponse(MINIMAL_TEMPLATE.render({"title": "Портал подключения", "items": ITEMS}))


urlpatterns = [
    path("bench/minimal/", minimal, name="bench_minimal"),
    path("", include("portal.urls")),
]
