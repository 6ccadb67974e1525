"""The address register and the organisation's served addresses, read through the API."""

from ninja import Router

from addresses.models import Address, ServedAddress
from integrations.api.common import caller_for
from integrations.api.docs import signed
from integrations.api.errors import refusal

router = Router(tags=["addresses"])


def address_json(address):
    return {"id": address.pk, "text": address.full_text, "gar_object_guid": str(address.gar_object_guid or ""),
            "gar_object_id": address.gar_object_id}


@router.get("/addresses", openapi_extra=signed(provider=False))
def address_search(request, q: str = ""):
    """Register lookup (the same word-prefix search as the portal's suggestions), at most 20 rows."""
    caller_for(request, provider=False)
    if len(q.strip()) < 3:
        raise refusal("invalid", reason="q: at least 3 characters")
    return {"addresses": [address_json(a) for a in Address.objects.search(q)[:20]]}


@router.get("/served-addresses", openapi_extra=signed())
def served_addresses(request):
    """The buildings the delegating organisation serves today."""
    caller = caller_for(request)
    rows = ServedAddress.objects.of_organisation(caller.organisation).select_related("address")
    return {"served": [{**address_json(row.address), "starts_on": row.starts_on.isoformat(),
                        "ends_on": row.ends_on.isoformat() if row.ends_on else None} for row in rows]}
