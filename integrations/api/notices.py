"""Served-address notices through the API (seed 000 workflow; created, signed and sent by the system)."""

import datetime

from django.db import transaction
from django.http import HttpResponse
from ninja import Router, Status

from addresses.models import Address
from addresses.notices import services
from addresses.notices.choices import BasisKind, NoticeKind, NoticeStatus
from addresses.notices.models import Notice
from integrations.api.auth import document_signature
from integrations.api.common import caller_for, idempotent, json_body, register_id, signature_summary
from integrations.api.docs import NOTICE_BODY, signed
from integrations.api.errors import refusal
from integrations.choices import InformationKind
from portal.workflow import Refused

router = Router(tags=["notices"])
KIND = InformationKind.NOTICES


def notice_json(notice):
    return {
        "id": notice.pk, "number": notice.number, "kind": notice.kind, "status": notice.status,
        "status_label": str(notice.get_status_display()), "basis_kind": notice.basis_kind,
        "basis_number": notice.basis_number, "basis_date": notice.basis_date.isoformat(),
        "starts_on": notice.starts_on.isoformat(), "text_sha256": notice.text_sha256,
        "due_date": notice.due_date.isoformat() if notice.due_date else None,
        "addresses": [{"id": item.address_id, "text": item.address.full_text, "decision": item.decision,
                       "reason": item.reason} for item in notice.items.select_related("address")],
    }


def _notice(caller, pk):
    notice = Notice.objects.for_organisation(caller.organisation).filter(pk=pk).first()
    if notice is None:
        raise refusal("not_found")
    return notice


def _date(data, name):
    try:
        return datetime.date.fromisoformat(str(data.get(name, "")))
    except ValueError:
        raise refusal("invalid", reason=f"{name}: YYYY-MM-DD expected") from None


def _fields(data):
    kind, basis = data.get("kind"), data.get("basis_kind")
    if kind not in NoticeKind.values or basis not in BasisKind.values:
        raise refusal("invalid", reason=f"kind: {NoticeKind.values}; basis_kind: {BasisKind.values}")
    number = str(data.get("basis_number", "")).strip()
    if not number:
        raise refusal("invalid", reason="basis_number is required")
    return {"kind": kind, "basis_kind": basis, "basis_number": number[:100],
            "basis_date": _date(data, "basis_date"), "starts_on": _date(data, "starts_on")}


def _addresses(data):
    ids = data.get("address_ids")
    if not isinstance(ids, list) or not ids:
        raise refusal("invalid", reason="address_ids: a non-empty list of register ids")
    ids = [register_id(value, "address_ids") for value in ids]
    found = Address.objects.in_bulk(ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise refusal("invalid", reason=f"unknown address ids {missing}")
    return [found[i] for i in dict.fromkeys(ids)]


@router.get("/notices", openapi_extra=signed())
def notice_list(request, status: str = ""):
    caller = caller_for(request, KIND)
    rows = Notice.objects.for_organisation(caller.organisation).prefetch_related("items__address")
    if status:
        rows = rows.filter(status=status)
    return {"notices": [notice_json(notice) for notice in rows[:200]]}


@router.post("/notices", response={201: dict}, openapi_extra=signed(body=NOTICE_BODY, idempotent=True))
def notice_create(request):
    """A draft notice for the delegating organisation; Idempotency-Key makes retries safe."""
    caller = caller_for(request, KIND)
    data = json_body(request)

    def create():
        try:
            notice = services.notice_create(organisation=caller.organisation, addresses=_addresses(data),
                                            **_fields(data))
        except Refused as error:
            raise refusal("refused", reason=str(error)) from None
        return Status(201, notice_json(notice))

    return idempotent(request, caller, create)


@router.put("/notices/{pk}", openapi_extra=signed(body=NOTICE_BODY))
def notice_update(request, pk: int):
    """Change a draft (the same body as creation): its text is rendered again."""
    caller = caller_for(request, KIND)
    notice = _notice(caller, pk)
    data = json_body(request)
    try:
        services.notice_update(notice=notice, addresses=_addresses(data), **_fields(data))
    except Refused as error:
        raise refusal("refused", reason=str(error)) from None
    notice.refresh_from_db()
    return notice_json(notice)


@router.get("/notices/{pk}", openapi_extra=signed())
def notice_detail(request, pk: int):
    return notice_json(_notice(caller_for(request, KIND), pk))


@router.get("/notices/{pk}/text", openapi_extra=signed())
def notice_text(request, pk: int):
    """The exact bytes to sign and post to /send."""
    notice = _notice(caller_for(request, KIND), pk)
    return HttpResponse(notice.text_bytes, content_type="text/plain; charset=utf-8")


@router.get("/notices/{pk}/history", openapi_extra=signed())
def notice_history(request, pk: int):
    notice = _notice(caller_for(request, KIND), pk)
    return {"history": [{"time": event.created_at.isoformat(), "from_status": event.from_status,
                         "to_status": event.to_status, "comment": event.comment}
                        for event in notice.events.all()]}


@router.post("/notices/{pk}/send", openapi_extra=signed(body="text", document=True))
def notice_send(request, pk: int):
    """The body is the notice text (GET /text) and X-Document-Signature signs it: that signature is the
    notice's legal signature, stored with it as a plug-in signature would be."""
    caller = caller_for(request, KIND)
    notice = _notice(caller, pk)
    der, report = document_signature(request, caller)
    if notice.status != NoticeStatus.DRAFT:
        raise refusal("refused", reason="The notice has already been sent.")
    if request.body != notice.text_bytes:
        raise refusal("invalid", reason="the body must be the notice text exactly (GET /notices/{id}/text)")
    problems = services.notice_address_problems(organisation=notice.organisation, kind=notice.kind,
                                                addresses=services.notice_addresses(notice))
    if problems:
        raise refusal("refused", reason=" ".join(problems))
    try:
        with transaction.atomic():
            services.notice_send(notice=notice, signature=der, report=report.to_dict(),
                                 summary=signature_summary(caller, report))
    except Refused as error:  # another request sent it first, or the text changed meanwhile
        raise refusal("refused", reason=str(error)) from None
    notice.refresh_from_db()
    return notice_json(notice)
