"""Use cases of served-address notices (DESIGN.md: services named <entity>_<action>)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from addresses.models import ServedAddress
from addresses.notices.choices import AddressDecision, NoticeKind, NoticeStatus
from addresses.notices.models import Notice, NoticeAddress, NoticeRefused
from addresses.notices.text import render_notice_text
from agreements.services import SignOutcome, agreement_in_force_for, organisation_signature_check
from portal.workflow import EditNotAllowed

NOTICE_FIELDS = ("kind", "basis_kind", "basis_number", "basis_date", "starts_on")


def _addresses_text(addresses):
    return "; ".join(address.full_text for address in addresses)


def notice_address_problems(*, organisation, kind, addresses):
    """Why these addresses cannot go into a notice of this kind, as sentences (empty when they can).
    Removing a building the organisation does not serve makes no sense; adding one it already serves
    would only be skipped on confirmation, so both are said at once, while the draft is made."""
    served = set(ServedAddress.objects.of_organisation(organisation).open()
                 .filter(address__in=addresses).values_list("address_id", flat=True))
    if kind == NoticeKind.REMOVE:
        missing = [address for address in addresses if address.pk not in served]
        if missing:
            return [_("Your organisation does not serve these addresses, so they cannot be removed: %(list)s.")
                    % {"list": _addresses_text(missing)}]
    else:
        already = [address for address in addresses if address.pk in served]
        if already:
            return [_("These addresses are already on your served list: %(list)s.")
                    % {"list": _addresses_text(already)}]
    return []


def _require_agreement(organisation):
    agreement = agreement_in_force_for(organisation)
    if agreement is None:
        raise NoticeRefused(_("The organisation has no interaction agreement in force."))
    return agreement


def _check_addresses(organisation, kind, addresses):
    problems = notice_address_problems(organisation=organisation, kind=kind, addresses=addresses)
    if problems:
        raise NoticeRefused(" ".join(problems))


def _sync_items(notice, addresses):
    notice.items.exclude(address__in=addresses).delete()
    kept = set(notice.items.values_list("address_id", flat=True))
    NoticeAddress.objects.bulk_create([NoticeAddress(notice=notice, address=address)
                                       for address in addresses if address.pk not in kept])


def notice_create(*, organisation, addresses, **fields):
    """A draft notice of the organisation for `addresses` (Address rows, in the order chosen)."""
    agreement = _require_agreement(organisation)
    notice = Notice(organisation=organisation, org_name=agreement.org_short_name, inn=agreement.inn,
                    **{name: fields[name] for name in NOTICE_FIELDS})
    addresses = list(dict.fromkeys(addresses))
    _check_addresses(organisation, notice.kind, addresses)
    with transaction.atomic():
        notice.text, notice.text_sha256 = render_notice_text(notice, addresses)
        notice.save()
        _sync_items(notice, addresses)
    return notice


def notice_update(*, notice, addresses, **fields):
    """Change a draft on its locked row (a draft sent meanwhile stays as signed); its text is rendered
    again, so a signature made over the old text no longer fits. Returns the saved notice."""
    if notice.status != NoticeStatus.DRAFT:
        raise NoticeRefused(_("The notice has already been sent and can no longer be changed."))
    addresses = list(dict.fromkeys(addresses))
    _check_addresses(notice.organisation, fields["kind"], addresses)

    def change(locked):
        for name in NOTICE_FIELDS:
            setattr(locked, name, fields[name])
        locked.text, locked.text_sha256 = render_notice_text(locked, addresses)
        _sync_items(locked, addresses)

    try:
        return notice.edit(statuses=(NoticeStatus.DRAFT,), change=change)
    except EditNotAllowed:
        raise NoticeRefused(_("The notice has already been sent and can no longer be changed.")) from None


def notice_addresses(notice):
    return [item.address for item in notice.items.select_related("address")]


def notice_sign(*, notice, data):
    """Verify `data` over the notice text; a valid, qualified signature of the organisation of the
    agreement in force sends the notice. Anything else changes nothing and says what is wrong."""
    if notice.status != NoticeStatus.DRAFT:
        return SignOutcome(False, _("The notice has already been signed and sent."))
    problems = notice_address_problems(organisation=notice.organisation, kind=notice.kind,
                                       addresses=notice_addresses(notice))
    if problems:
        return SignOutcome(False, " ".join(problems))
    outcome, report = organisation_signature_check(organisation=notice.organisation, content=notice.text_bytes,
                                                   data=data)
    if outcome.valid:
        notice_send(notice=notice, signature=data, report=report.to_dict(), summary=outcome.summary)
    return outcome


def notice_send(*, notice, signature, report, summary):
    """The move to "sent" once the signature is checked: a number and the reviewer's deadline."""
    return notice.send(signature=signature, report=report, summary=summary)


def _apply_adding(notice, items):
    """Put the confirmed buildings on the served list from the notice's date; one served meanwhile (an
    earlier notice confirmed after this one was sent) is skipped with a note."""
    open_rows = dict(ServedAddress.objects.of_organisation(notice.organisation).open()
                     .filter(address__in=[item.address_id for item in items]).values_list("address_id", "starts_on"))
    for item in items:
        if item.address_id in open_rows:
            item.note = _("Already on the served list since %(date)s: skipped.") % {
                "date": open_rows[item.address_id].strftime("%d.%m.%Y")}
            continue
        ServedAddress.objects.create(organisation=notice.organisation, address=item.address,
                                     starts_on=notice.starts_on)


def _apply_removal(notice, items):
    for item in items:
        rows = list(ServedAddress.objects.of_organisation(notice.organisation).open()
                    .filter(address_id=item.address_id).select_for_update())
        if not rows:
            item.note = _("Was not on the served list: nothing to end.")
        for row in rows:
            # A serving cannot end before it began: a removal dated earlier ends it on its first day.
            row.ends_on = max(notice.starts_on, row.starts_on)
            row.save(update_fields=["ends_on"])


def _check_decisions(items, decisions):
    """Every address of the notice decided, none other, a reason for each rejected one — or why not."""
    if set(decisions) != {item.address_id for item in items}:
        raise NoticeRefused(_("Decide on every address of the notice: confirm it or reject it."))
    if any(not confirmed and not (reason or "").strip() for confirmed, reason in decisions.values()):
        raise NoticeRefused(_("Give the reason for each rejected address."))


def decision_action(decisions):
    """The transition the per-address decisions add up to."""
    confirmed = [flag for flag, _reason in decisions.values()]
    if all(confirmed):
        return "confirm"
    return "confirm_partly" if any(confirmed) else "reject"


def decisions_comment(items, decisions, comment=""):
    """The history row's comment: the reviewer's overall comment, then one line per address."""
    lines = [comment.strip()] if comment.strip() else []
    for item in items:
        confirmed, reason = decisions[item.address_id]
        if confirmed:
            lines.append(_("Confirmed: %(address)s") % {"address": item.address.full_text})
        else:
            lines.append(_("Rejected: %(address)s. Reason: %(reason)s")
                         % {"address": item.address.full_text, "reason": reason.strip()})
    return "\n".join(lines)


def _record_decisions(locked, decisions):
    """Store each address's decision on its row and apply the confirmed ones to the served list."""
    items = list(locked.items.select_related("address"))
    for item in items:
        confirmed, reason = decisions[item.address_id]
        item.decision = AddressDecision.CONFIRMED if confirmed else AddressDecision.REJECTED
        item.reason = "" if confirmed else reason.strip()
    confirmed_items = [item for item in items if item.is_confirmed]
    (_apply_adding if locked.is_adding else _apply_removal)(locked, confirmed_items)
    NoticeAddress.objects.bulk_update(items, ["decision", "reason", "note"])


def notice_decide(*, notice, actor, decisions, comment=""):
    """The reviewer's decision on a sent notice, address by address: `decisions` maps each address id of
    the notice to (confirmed, reason); a reason is required for a rejected address. All confirmed,
    all rejected or mixed is one transition (confirm, reject, confirm_partly) with one history row;
    only the confirmed addresses change the served list, in the transition's transaction."""
    items = list(notice.items.select_related("address"))
    _check_decisions(items, decisions)
    comment = (comment or "").strip()

    try:
        return notice.decide(action=decision_action(decisions), actor=actor, reviewer_comment=comment,
                             comment=decisions_comment(items, decisions, comment),
                             record_items=lambda locked: _record_decisions(locked, decisions))
    except IntegrityError:
        # Two notices of one organisation for one building confirmed at once: the constraint stops one.
        raise NoticeRefused(_("One of the addresses has just been put on the organisation's served list by "
                              "another notice; open the notice again.")) from None


def _every_address(notice, confirmed, reason=""):
    return {address_id: (confirmed, reason) for address_id in notice.items.values_list("address_id", flat=True)}


def notice_confirm(*, notice, actor, comment=""):
    """Confirm every address of the notice (the demo data and tests use it)."""
    return notice_decide(notice=notice, actor=actor, decisions=_every_address(notice, True), comment=comment)


def notice_reject(*, notice, actor, comment):
    """Reject every address of the notice for one reason."""
    if not (comment or "").strip():
        raise NoticeRefused(_("Give the reason for the rejection."))
    return notice_decide(notice=notice, actor=actor, decisions=_every_address(notice, False, comment))


def served_elsewhere(notice):
    """{address id: [names of the other organisations serving it now]} for the reviewer's flag."""
    rows = (ServedAddress.objects.open().filter(address__notice_items__notice=notice)
            .exclude(organisation=notice.organisation).select_related("organisation__profile"))
    found = {}
    for row in rows:
        found.setdefault(row.address_id, []).append(organisation_name(row.organisation))
    return found


def organisation_name(user):
    profile = getattr(user, "profile", None)
    return (profile.org_short_name if profile else "") or user.display_name
