"""The API's refusals: a stable machine code, an HTTP status and a Russian sentence for people.

Clients branch on `code`; the message may be reworded. Every answer that is not a success has the shape
{"error": {"code": "...", "message": "..."}}.
"""

from django.utils.translation import gettext_lazy as _


class ApiError(Exception):
    def __init__(self, code, status, message):
        super().__init__(code)
        self.code, self.status, self.message = code, status, str(message)


def refusal(code, **details):
    """ApiError for one of CODES, its message formatted with `details`."""
    status, message = CODES[code]
    return ApiError(code, status, str(message) % details if details else message)


CODES = {
    # The request is not signed right.
    "header_missing": (401, _("The request has no %(header)s header.")),
    "header_malformed": (400, _("The %(header)s header is not a UUID.")),
    "signature_unreadable": (401, _("The %(header)s header is not a CMS signature in DER, base64-encoded.")),
    "body_too_large": (413, _("The body of the request is too large.")),
    "system_unknown": (401, _("No information system has this identifier.")),
    "signature_invalid": (401, _("The signature of the request is not valid: %(reason)s")),
    "body_changed": (401, _("The request (its method, path, identifiers or body) differs from what was signed.")),
    "certificate_mismatch": (401, _("The request is signed with a key other than the system's registered "
                                    "certificate.")),
    "signing_time_missing": (401, _("The signature has no signing time (CAdES signed attribute signingTime).")),
    "signing_time_outside_window": (401, _("The signing time differs from the portal's clock by more than "
                                           "%(seconds)s seconds: sign each request just before sending it.")),
    "replayed_request": (409, _("This X-Request-Id has already been used: every request gets a new one and is "
                                "signed anew.")),
    # The system or its rights.
    "system_inactive": (403, _("The information system is not active (status: %(status)s).")),
    "operator_agreement_not_in_force": (403, _("The operator of the system has no interaction agreement in force.")),
    "agreement_not_in_force": (403, _("The organisation has no interaction agreement in force: its rights do not "
                                      "apply.")),
    "delegation_unknown": (403, _("No delegation of rights to this system has this provider identifier.")),
    "delegation_not_accepted": (403, _("The delegation of rights has not been accepted (status: %(status)s).")),
    "delegation_revoked": (403, _("The delegation of rights has been revoked.")),
    "delegation_expired": (403, _("The delegation of rights ended on %(date)s.")),
    "delegation_not_started": (403, _("The delegation of rights starts on %(date)s.")),
    "kind_not_granted": (403, _("The organisation has not granted this system the right to send «%(kind)s».")),
    "rate_limited": (429, _("Too many requests from this system; try again in a minute.")),
    # The request itself.
    "idempotency_key_reused": (409, _("This Idempotency-Key was used for a different request.")),
    "not_found": (404, _("Not found.")),
    "invalid": (422, _("The request is not valid: %(reason)s")),
    "refused": (409, _("%(reason)s")),
    "server_error": (500, _("The portal could not process the request; it has been logged. Try again later.")),
}
