"""House passports through the API: create for a served building, fill, check, sign and send."""

from django.db import transaction
from django.http import HttpResponse, QueryDict
from ninja import Router, Status

from addresses.models import Address
from integrations.api.auth import document_signature
from integrations.api.common import caller_for, idempotent, json_body, register_id, signature_summary
from integrations.api.docs import PASSPORT_CREATE_BODY, PASSPORT_UPDATE_BODY, signed
from integrations.api.errors import refusal
from integrations.choices import InformationKind
from passports import services
from passports.choices import Status as PassportStatus
from passports.forms import PassportForm, SystemForm
from passports.models import Passport
from portal.workflow import Refused, TransitionNotAllowed

router = Router(tags=["passports"])
KIND = InformationKind.PASSPORTS


def passport_json(passport):
    return {
        "id": passport.pk, "number": passport.number, "status": passport.status,
        "status_label": str(passport.get_status_display()), "address_id": passport.address_id,
        "address": passport.address.full_text, "content_sha256": passport.content_sha256,
        "remarks": passport.remarks,
        "general": {name: _plain(getattr(passport, name)) for name in PassportForm.Meta.fields},
        "systems": {system.kind: {name: _plain(getattr(system, name)) for name in SystemForm.Meta.fields}
                    for system in passport.systems.all()},
    }


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if value is None or isinstance(value, (bool, int, str)) else str(value)


def _passport(caller, pk):
    passport = Passport.objects.filter(organisation=caller.organisation, pk=pk).select_related("address").first()
    if passport is None:
        raise refusal("not_found")
    return passport


def _form_data(values):
    """JSON values as a form would post them (booleans as "on"/absent, None as empty)."""
    data = QueryDict(mutable=True)
    for name, value in (values or {}).items():
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    return data


def _errors(form, prefix=""):
    return "; ".join(f"{prefix}{name}: {' '.join(errors)}" for name, errors in form.errors.items())


@router.post("/passports", response={201: dict},
             openapi_extra=signed(body=PASSPORT_CREATE_BODY, idempotent=True))
def passport_create(request):
    """A draft passport of a building the organisation serves (body: {"address_id": id})."""
    caller = caller_for(request, KIND)
    address = Address.objects.filter(pk=register_id(json_body(request).get("address_id"), "address_id")).first()
    if address is None:
        raise refusal("invalid", reason="address_id: a register id")

    def create():
        try:
            passport = services.passport_create(organisation=caller.organisation, address=address)
        except Refused as error:
            raise refusal("refused", reason=str(error)) from None
        return Status(201, passport_json(passport))

    return idempotent(request, caller, create)


@router.get("/passports/{pk}", openapi_extra=signed())
def passport_detail(request, pk: int):
    return passport_json(_passport(caller_for(request, KIND), pk))


def _merged(instance, fields, given):
    """The current values with the given ones over them: a field the client leaves out keeps its value."""
    current = {name: _plain(getattr(instance, name)) for name in fields}
    return _form_data({**current, **(given if isinstance(given, dict) else {})})


@router.put("/passports/{pk}", openapi_extra=signed(body=PASSPORT_UPDATE_BODY))
def passport_update(request, pk: int):
    """Body: {"general": {field: value}, "systems": {kind: {field: value}}}, fields as in GET; fields left
    out keep their values (dates YYYY-MM-DD, numbers as numbers or strings)."""
    caller = caller_for(request, KIND)
    passport = _passport(caller, pk)
    data = json_body(request)
    form = PassportForm(_merged(passport, PassportForm.Meta.fields, data.get("general")), instance=passport)
    given_systems = data.get("systems") if isinstance(data.get("systems"), dict) else {}
    systems = [(system, SystemForm(_merged(system, SystemForm.Meta.fields, given_systems.get(system.kind)),
                                   instance=system))
               for system in passport.systems.all()]
    problems = [_errors(form)] + [_errors(sf, f"{system.kind}.") for system, sf in systems if not sf.is_valid()]
    if not form.is_valid() or any(problems):
        raise refusal("invalid", reason="; ".join(p for p in problems if p))
    try:
        services.passport_update(passport=passport, general=form.cleaned_data,
                                 systems={system.kind: sf.cleaned_data for system, sf in systems})
    except Refused as error:
        raise refusal("refused", reason=str(error)) from None
    return passport_json(passport)


@router.post("/passports/{pk}/validate", openapi_extra=signed())
def passport_validate(request, pk: int):
    """Check; a passing passport's content is frozen (GET /content gives the bytes to sign)."""
    caller = caller_for(request, KIND)
    passport = _passport(caller, pk)
    try:
        services.passport_validate(passport=passport, actor=caller.organisation)
    except services.PassportInvalid as invalid:
        raise refusal("invalid", reason=" ".join(str(p) for p in invalid.problems)) from None
    except TransitionNotAllowed:  # not a draft or a returned passport
        raise refusal("refused", reason=f"The passport is “{passport.get_status_display()}”.") from None
    return passport_json(passport)


@router.get("/passports/{pk}/history", openapi_extra=signed())
def passport_history(request, pk: int):
    passport = _passport(caller_for(request, KIND), pk)
    return {"history": [{"time": event.created_at.isoformat(), "from_status": event.from_status,
                         "to_status": event.to_status, "comment": event.comment}
                        for event in passport.events.all()]}


@router.get("/passports/{pk}/content", openapi_extra=signed())
def passport_content(request, pk: int):
    passport = _passport(caller_for(request, KIND), pk)
    if passport.status != PassportStatus.VALIDATED:
        raise refusal("refused", reason="Check the passport first (POST /validate).")
    return HttpResponse(passport.content_bytes, content_type="application/json; charset=utf-8")


@router.post("/passports/{pk}/send", openapi_extra=signed(body="text", document=True))
def passport_send(request, pk: int):
    """The body is the frozen content (GET /content) and X-Document-Signature signs it: the passport's
    legal signature. Signs and sends in one step."""
    caller = caller_for(request, KIND)
    passport = _passport(caller, pk)
    der, report = document_signature(request, caller)
    if passport.status != PassportStatus.VALIDATED:
        raise refusal("refused", reason="Only a checked passport can be sent (POST /validate).")
    if request.body != passport.content_bytes:
        raise refusal("invalid", reason="the body must be the passport content exactly (GET /passports/{id}/content)")
    try:
        with transaction.atomic():
            passport.sign(actor=caller.organisation, signature=der, report=report.to_dict(),
                          summary=signature_summary(caller, report))
            services.passport_send(passport=passport, actor=caller.organisation)
    except Refused as error:  # another request sent it first, or it was re-checked meanwhile
        raise refusal("refused", reason=str(error)) from None
    passport.refresh_from_db()
    return passport_json(passport)
