"""One Russian sentence for people: «Подпись верна: Иванов И. И., ООО «Ромашка», ИНН …»."""

from . import INDETERMINATE, TOTAL_PASSED


def describe_signer(identity):
    if identity is None:
        return "подписант не определён"
    parts = [identity.short_name or identity.common_name]
    if identity.organization and identity.organization != parts[0]:
        parts.append(identity.organization)
    if identity.innle:
        parts.append("ИНН ЮЛ %s" % identity.innle)
    elif identity.inn:
        parts.append("ИНН %s" % identity.inn)
    if identity.ogrn:
        parts.append("ОГРН %s" % identity.ogrn)
    elif identity.ogrnip:
        parts.append("ОГРНИП %s" % identity.ogrnip)
    return ", ".join(part for part in parts if part)


def summary_ru(report):
    people = "; ".join(describe_signer(signer.identity) for signer in report.signers)
    if report.indication == TOTAL_PASSED:
        title = "Подпись верна" if len(report.signers) == 1 else "Подписи верны"
        return "%s: %s." % (title, people)
    title = "Подпись не удалось проверить" if report.indication == INDETERMINATE else "Подпись недействительна"
    reason = report.reason.rstrip(".") or "причина не указана"
    if people:
        return "%s (%s): %s." % (title, people, reason)
    return "%s: %s." % (title, reason)
