"""What the OpenAPI schema says of each operation beyond its path: the signed headers, the JSON body
(the handlers read the raw body themselves, since its bytes are what is signed) and the error answers."""

from integrations.api.errors import CODES


def _header(name, description, required=True):
    return {"in": "header", "name": name, "required": required, "schema": {"type": "string"},
            "description": description}


ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["code", "message"],
    "properties": {"code": {"type": "string", "enum": sorted(CODES)}, "message": {"type": "string"}}}}}
DATE = {"type": "string", "format": "date"}
NOTICE_BODY = {"type": "object", "required": ["kind", "address_ids", "basis_kind", "basis_number", "basis_date",
                                              "starts_on"],
               "properties": {"kind": {"type": "string", "enum": ["add", "remove"]},
                              "address_ids": {"type": "array", "items": {"type": "integer"}, "minItems": 1},
                              "basis_kind": {"type": "string"}, "basis_number": {"type": "string"},
                              "basis_date": DATE, "starts_on": DATE}}
PASSPORT_CREATE_BODY = {"type": "object", "required": ["address_id"],
                        "properties": {"address_id": {"type": "integer"}}}
PASSPORT_UPDATE_BODY = {"type": "object", "properties": {
    "general": {"type": "object", "description": "Fields of `general` in GET /passports/{pk}; left out: kept."},
    "systems": {"type": "object", "description": "{kind: {field: value}} as in GET; left out: kept."}}}
TEXT_BODY = {"text/plain": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "string"}}}


def signed(*, provider=True, body=None, document=False, idempotent=False):
    """openapi_extra for an operation: its headers, its body and the error answers."""
    parameters = [
        _header("X-IS-Id", "The information system's identifier (UUID)."),
        _header("X-Request-Id", "A new UUID for every request (accepted once)."),
        _header("X-Signature", "Base64 DER of a detached CAdES-BES signature (GOST R 34.10-2012) with the key of "
                               "the system's certificate over the canonical request: METHOD, path, query, X-IS-Id, "
                               "X-Provider-Id, X-Request-Id, hex SHA-256 of the body, each line ending with LF."),
    ]
    if provider:
        parameters.append(_header("X-Provider-Id", "The information-provider identifier of the organisation."))
    if document:
        parameters.append(_header("X-Document-Signature", "Base64 DER of a detached signature over the body: the "
                                                          "document's legal signature."))
    if idempotent:
        parameters.append(_header("Idempotency-Key", "Repeat it on a retry to get the first answer.", False))
    extra = {"parameters": parameters, "responses": {
        str(status): {"description": description, "content": {"application/json": {"schema": ERROR}}}
        for status, description in ((400, "Malformed header"), (401, "Not signed right"),
                                    (403, "No right"), (404, "Not found"), (409, "Refused or replayed"),
                                    (413, "Too large"), (422, "Invalid"), (429, "Rate limited"))}}
    if body is not None:
        content = TEXT_BODY if body == "text" else {"application/json": {"schema": body}}
        extra["requestBody"] = {"required": True, "content": content}
    return extra
