"""Notices in each status for the tests; drafts go through the same use cases as the pages."""

import datetime

from django.utils import timezone

from accounts import sample_numbers
from addresses.models import ServedAddress
from addresses.notices import services as notice_services
from addresses.notices.choices import BasisKind, NoticeKind
from addresses.tests.factories import AddressFactory
from agreements.tests.factories import accepted

STRANGER_INN, STRANGER_OGRN = sample_numbers.inn_legal("500100732"), sample_numbers.ogrn("102500000000")
STRANGER_SUBJECT = (f"/CN=ООО «Лютик»/O=ООО «Лютик»/SN=Лютиков/GN=Лев Львович"
                    f"/INNLE={STRANGER_INN}/OGRN={STRANGER_OGRN}")


def stranger_organisation(reviewer):
    return accepted(reviewer, org_short_name="ООО «Лютик»", org_full_name="ООО «Лютик»", inn=STRANGER_INN,
                    ogrn=STRANGER_OGRN, email="office@lutik.example.ru").organisation


def fields(**overrides):
    today = timezone.localdate()
    return {"kind": NoticeKind.ADD, "basis_kind": BasisKind.CONTRACT, "basis_number": "ДУ-15/2026",
            "basis_date": today - datetime.timedelta(days=5), "starts_on": today, **overrides}


def draft(organisation, addresses=None, **overrides):
    addresses = addresses if addresses is not None else [AddressFactory()]
    return notice_services.notice_create(organisation=organisation, addresses=addresses, **fields(**overrides))


def sent(organisation, addresses=None, **overrides):
    """Skips the signature check (tested on its own) but goes through the same transition."""
    notice = draft(organisation, addresses, **overrides)
    notice_services.notice_send(notice=notice, signature=b"test", report={}, summary="test")
    notice.refresh_from_db()
    return notice


def served(organisation, address, starts_on=None):
    return ServedAddress.objects.create(organisation=organisation, address=address,
                                        starts_on=starts_on or timezone.localdate() - datetime.timedelta(days=100))
