from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from addresses.models import Address

SUGGESTIONS = 10


@login_required
@require_GET
def suggest(request):
    """Up to 10 active addresses for the typed text, for addresses/suggest.js; none under 3 characters.
    Each: id, text, and lat/lon (degrees, WGS 84; null when the register has no coordinates), which the
    front office's map centres on."""
    query = request.GET.get("q", "")[:200]
    found = (Address.objects.active().search(query)
             .values_list("pk", "full_text", "latitude", "longitude")[:SUGGESTIONS])
    return JsonResponse({"results": [
        {"id": pk, "text": text, "lat": _degrees(lat), "lon": _degrees(lon)} for pk, text, lat, lon in found]})


def _degrees(value):
    return float(value) if value is not None else None
