"""What every operation of the API shares: authentication per kind of information, the JSON error
shape, idempotent creation, and reading the body as JSON."""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from ninja import Status

from integrations.api.auth import authenticate
from integrations.api.errors import refusal
from integrations.models import IdempotentResponse


def error_response(error):
    return JsonResponse({"error": {"code": error.code, "message": error.message}}, status=error.status,
                        json_dumps_params={"ensure_ascii": False})


def caller_for(request, kind=None, *, provider=True):
    """The authenticated Caller; ApiError (answered by the API's handler) when the request is refused."""
    caller = authenticate(request, kind=kind, provider=provider)
    request.caller = caller
    return caller


def register_id(value, name):
    """A register id from JSON: an integer (not a boolean, which JSON would let pass as 0 or 1)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise refusal("invalid", reason=f"{name}: an integer id of the register")
    return value


def json_body(request):
    """The body as a JSON object; the signed bytes are the raw body, so it is parsed here, after the check."""
    try:
        data = json.loads(request.body or b"{}")
    except (UnicodeDecodeError, ValueError) as error:
        raise refusal("invalid", reason=str(error)) from None
    if not isinstance(data, dict):
        raise refusal("invalid", reason="JSON object expected")
    return data


def idempotent(request, caller, create):
    """Run `create()` -> ninja Status once per Idempotency-Key: a retry with the same key and body gets
    the first answer; the same key with another body is refused. A key is scoped to the organisation the
    system acts for and to the operation, so it never returns another organisation's object. Without a
    key, just create."""
    client_key = request.headers.get("Idempotency-Key", "").strip()[:100]
    if not client_key:
        return create()
    provider = caller.delegation.provider_id if caller.delegation else ""
    key = f"{provider}|{request.method} {request.path}|{client_key}"
    request_hash = hashlib.sha256(request.body).hexdigest()
    kept = IdempotentResponse.objects.filter(system=caller.system, key=key).first()
    if kept is not None:
        if kept.request_sha256 != request_hash:
            raise refusal("idempotency_key_reused")
        return Status(kept.status_code, kept.body)
    try:
        with transaction.atomic():
            result = create()
            IdempotentResponse.objects.create(system=caller.system, key=key, request_sha256=request_hash,
                                              status_code=result.status_code, body=result.value)
    except IntegrityError:
        # Two retries at once: the other one has created the object; this one's is rolled back.
        raise refusal("idempotency_key_reused") from None
    return result


def signature_summary(caller, report):
    """How a document sent through the API is said to be signed, beside its verification report."""
    system = caller.system
    return (f"{report.summary} Подписано информационной системой «{system.short_name}» "
            f"(идентификатор {system.identifier}, оператор {system.operator_name}) по правам, "
            f"делегированным организацией (поставщик информации {caller.delegation.provider_id}).")
