"""Demo addresses: the shipped GAR sample (a few streets of Белгород), imported once; then the demo
organisation `org` gets one confirmed served address and one notice waiting for the reviewer."""

import datetime
from pathlib import Path

from django.utils import timezone

from addresses.models import Address
from addresses.notices import services as notice_services
from addresses.notices.choices import BasisKind, NoticeKind
from addresses.notices.models import Notice
from addresses.services import gar_import

SAMPLE = Path(__file__).resolve().parent / "samples" / "gar"
DEMO_SIGNATURE_NOTE = "Демонстрационные данные: подпись не проверялась."


def load_demo_addresses(users, stdout):
    """One line of output for what was made, none when everything was there already."""
    said = []
    if not Address.objects.exists():
        counts = gar_import(directory=SAMPLE, region="31")
        said.append(f"Demo addresses: {counts.houses} houses from the GAR sample.")
    said.append(load_demo_notices(users))
    if any(said):
        stdout.write(" ".join(filter(None, said)))


def load_demo_notices(users):
    from agreements.demo import demo_organisation

    organisation = users.get("org") or demo_organisation()
    houses = list(Address.objects.active().order_by("search_text")[:3])
    if len(houses) < 2 or Notice.objects.filter(organisation=organisation).exists():
        return ""
    today = timezone.localdate()
    confirmed = _sent_notice(organisation, [houses[0]], starts_on=today - datetime.timedelta(days=30))
    notice_services.notice_confirm(notice=confirmed, actor=users.get("reviewer"), comment="")
    _sent_notice(organisation, houses[1:], starts_on=today)
    return f"Demo notices: {houses[0]} is served by {organisation.username}; one notice waits for review."


def _sent_notice(organisation, addresses, *, starts_on):
    """A notice moved to "sent" without a signature: the demo has no certificate of the organisation."""
    notice = notice_services.notice_create(
        organisation=organisation, addresses=addresses, kind=NoticeKind.ADD, basis_kind=BasisKind.CONTRACT,
        basis_number="ДУ-17", basis_date=starts_on - datetime.timedelta(days=10), starts_on=starts_on)
    notice_services.notice_send(notice=notice, signature=b"", report={}, summary=DEMO_SIGNATURE_NOTE)
    notice.refresh_from_db()
    return notice
