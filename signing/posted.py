"""Signatures as pages receive them: the CryptoPro plug-in's base64 text (maybe with line breaks) or
an uploaded .sig/.p7s file, checked for size and turned into bytes for the verifier."""

import base64
import binascii

from django.utils.translation import gettext as _

from portal.workflow import Refused

MAX_SIGNATURE_BYTES = 1024 * 1024


class SignatureRefused(Refused):
    """The signature could not even be read as one (empty, too large, not base64 or DER)."""


def signature_bytes(*, text="", upload=None):
    """What the plug-in posts (base64 text, maybe with line breaks) or a .sig/.p7s file, as bytes."""
    if upload is not None:
        if upload.size > MAX_SIGNATURE_BYTES:
            raise SignatureRefused(_("A signature file cannot be larger than 1 MB."))
        data = upload.read()
    else:
        try:
            data = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            raise SignatureRefused(_("The signature is not in base64: sign again.")) from None
    if not data:
        raise SignatureRefused(_("The signature is empty."))
    return data
