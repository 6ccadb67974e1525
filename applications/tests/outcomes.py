"""What a race between signing and the utility's rejection may leave (test helper)."""

from applications.models import Status
from signing.models import SimpleSignatureAct


def assert_one_signing_outcome(application, sign_results):
    """At most one act, made exactly when the application was signed, and returned to the tab that
    signed. The rejection may come before the signing (no act: the signing is refused) or after it
    (the act stays: a signed application may still be rejected, TRANSITIONS["reject"])."""
    application.refresh_from_db()
    moves = [to for to, was in application.events.values_list("to_status", "from_status") if to != was]
    acts = SimpleSignatureAct.objects.count()
    assert acts == sum(isinstance(result, SimpleSignatureAct) for result in sign_results) <= 1
    assert (Status.SIGNED in moves) == (acts == 1) and moves[-1] == application.status
    assert application.status in (Status.SIGNED, Status.REJECTED)
    if application.status == Status.REJECTED and acts:
        assert moves[-2:] == [Status.SIGNED, Status.REJECTED]
    return acts
