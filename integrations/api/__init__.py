"""The integration API (/api/v1/, OpenAPI 3 at /api/v1/openapi.json, documentation at /api/v1/docs)."""

import logging

from ninja import NinjaAPI

from integrations.api import notices, passports, register
from integrations.api.common import error_response
from integrations.api.errors import ApiError, refusal

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Портал подключения: API информационных систем",
    version="1",
    description=(
        "Requests of an organisation's information system (seed 002). Every request carries X-IS-Id (the "
        "system identifier), X-Provider-Id (the information-provider identifier of the organisation it acts "
        "for) and X-Signature: a base64 detached CMS signature (CAdES-BES, GOST R 34.10-2012) of the raw body "
        "made with the key of the system's registered certificate, with signingTime within the clock window. "
        "Each signature is accepted once. Creating operations take an Idempotency-Key header. Errors: "
        '{"error": {"code", "message"}}.'),
    urls_namespace="api_v1",
)
api.add_router("/", register.router)
api.add_router("/", notices.router)
api.add_router("/", passports.router)


@api.exception_handler(ApiError)
def api_error(request, error):
    return error_response(error)


@api.exception_handler(Exception)
def unexpected(request, error):
    """Validation errors of ninja itself (query parameters, paths) in the same shape; anything else too,
    never an HTML page: the traceback goes to the log."""
    from ninja.errors import HttpError, ValidationError

    if isinstance(error, ValidationError):
        return error_response(refusal("invalid", reason=str(error.errors)[:500]))
    if isinstance(error, HttpError) and error.status_code == 404:
        return error_response(refusal("not_found"))
    logger.exception("Integration API request failed")
    return error_response(refusal("server_error"))
