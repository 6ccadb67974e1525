"""The organisation's home-page section (portal.home): its served-address notices by what they wait for."""

from django.db.models import Count

from addresses.notices.choices import NoticeStatus
from addresses.notices.models import Notice


def notices_section(request):
    counts = dict(Notice.objects.for_organisation(request.user).values("status").annotate(n=Count("pk")).order_by()
                  .values_list("status", "n"))
    if not counts:
        return None
    return {"template": "addresses/notices/home_section.html", "drafts": counts.get(NoticeStatus.DRAFT, 0),
            "sent": counts.get(NoticeStatus.SENT, 0), "total": sum(counts.values())}
