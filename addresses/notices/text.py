"""The canonical text of a notice: what the organisation signs, byte for byte.

It is Russian on purpose and not translated: a signed document must not depend on the language of the
page that rendered it. It is rendered whenever a draft is saved and kept on the notice, so the bytes the
plug-in downloads, the bytes verified and the bytes the reviewer reads are the same.
"""

import hashlib

from django.utils import timezone

from addresses.notices.choices import BasisKind, NoticeKind

TITLES = {NoticeKind.ADD: "ИЗВЕЩЕНИЕ О ДОБАВЛЕНИИ ОБСЛУЖИВАЕМОГО АДРЕСА",
          NoticeKind.REMOVE: "ИЗВЕЩЕНИЕ ОБ ИСКЛЮЧЕНИИ ОБСЛУЖИВАЕМОГО АДРЕСА"}
DATE_LABELS = {NoticeKind.ADD: "Дата начала обслуживания",
               NoticeKind.REMOVE: "Дата, с которой обслуживание прекращается"}


def _basis(notice):
    date = notice.basis_date.strftime("%d.%m.%Y")
    if notice.basis_kind == BasisKind.CONTRACT:
        return f"договор управления № {notice.basis_number} от {date}"
    return f"решение общего собрания собственников помещений (протокол № {notice.basis_number} от {date})"


def _address_line(position, address):
    gar = f" (ГАР: {address.gar_object_id})" if address.gar_object_id else ""
    return f"{position}. {address.full_text}{gar}"


def render_notice_text(notice, addresses):
    """(text, sha256) for the notice and its addresses in the order given."""
    lines = [
        TITLES[notice.kind],
        "",
        f"Организация: {notice.org_name}, ИНН {notice.inn}",
        f"Основание: {_basis(notice)}",
        f"{DATE_LABELS[notice.kind]}: {notice.starts_on.strftime('%d.%m.%Y')}",
        "",
        "Адреса:",
        *(_address_line(n, address) for n, address in enumerate(addresses, start=1)),
        "",
        f"Дата формирования извещения: {timezone.localdate().strftime('%d.%m.%Y')}",
    ]
    text = "\n".join(lines) + "\n"
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()
