"""Delivery errors say whether trying again can help (healthchecks' TransportError(permanent=...))."""


class DeliveryError(Exception):
    permanent = False


class TransientDeliveryError(DeliveryError):
    """The message may go out later: a timeout, a server that is down, a rate limit."""


class PermanentDeliveryError(DeliveryError):
    """Trying again will fail the same way: an invalid number or a refused address."""

    permanent = True


class TransientSMSError(TransientDeliveryError):
    pass


class PermanentSMSError(PermanentDeliveryError):
    pass
