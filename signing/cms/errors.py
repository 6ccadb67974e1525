"""Exceptions the verifier raises internally; each becomes a FORMAT_FAILURE line in the report."""


class FormatError(ValueError):
    """The input is not a well-formed CMS signature (or a certificate in it cannot be parsed)."""


class UnsupportedAlgorithm(FormatError):
    """An algorithm or parameter set we cannot verify."""


class UnknownAlgorithm(UnsupportedAlgorithm):
    """An algorithm identifier the verifier does not implement: the signature is not checked, which
    makes the verdict INDETERMINATE, never 'invalid'."""
