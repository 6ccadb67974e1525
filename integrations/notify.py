"""E-mails about information systems and delegations (seed 002): the operator hears about its system's
review and about requests addressed to it; the organisation hears the operator's decision."""

from django.conf import settings
from django.urls import reverse

from integrations.choices import DelegationStatus
from notifications.services import queue_email


def _send(recipients, context):
    for user, email in recipients:
        if email:
            queue_email(to=email, template="integration_status", context=context, user=user)


def _addresses(*pairs):
    seen, unique = set(), []
    for user, email in pairs:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append((user, email))
    return unique


def notify_system_move(system, event):
    """Called inside the transition's transaction: the rows commit (or roll back) with it."""
    context = {"subject": system.short_name, "status": system.get_status_display(), "comment": event.comment,
               "url": settings.SITE_URL + reverse("integrations:system", args=[system.pk])}
    _send(_addresses((system.operator, system.operator.email), (system.operator, system.admin_email)), context)


def notify_delegation_move(delegation, event):
    """The operator's e-mails lead to the request it received (its own page), the organisation's to its
    list of granted rights (a right has no page of its own); a revocation tells both, each with its link."""
    context = {"subject": f"{delegation.org_name} → {delegation.system.short_name}",
               "status": delegation.get_status_display(), "comment": event.comment}
    operator, organisation = delegation.system.operator, delegation.organisation
    to_operator = _addresses((operator, operator.email), (operator, delegation.system.admin_email))
    to_organisation = _addresses((organisation, organisation.email))
    received = settings.SITE_URL + reverse("integrations:received_detail", args=[delegation.pk])
    granted = settings.SITE_URL + reverse("integrations:delegations")
    if operator.pk == organisation.pk:
        _send(to_organisation, {**context, "url": granted})
        return
    if delegation.status in (DelegationStatus.SENT, DelegationStatus.REVOKED):
        _send(to_operator, {**context, "url": received})
    if delegation.status != DelegationStatus.SENT:
        seen = {email.lower() for _, email in to_operator} if delegation.status == DelegationStatus.REVOKED else set()
        _send([(user, email) for user, email in to_organisation if email.lower() not in seen],
              {**context, "url": granted})
