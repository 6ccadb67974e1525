"""The canonical texts signed with an information system's key: the registration application and a
certificate renewal. Signing them with the system's own key proves the operator holds that key."""

import hashlib

from django.utils import timezone

from integrations.choices import REGIONS, SystemKind


def _lines(pairs):
    return "\n".join(f"{label}: {value}" for label, value in pairs if value not in (None, "")) + "\n"


def render_application_text(system, certificate):
    """(text, sha256 hex) of the application for registering `system` with `certificate` (a
    SystemCertificate). Russian, as the operator reads and signs it (seed 002 «Заявка на ИС»)."""
    regions = dict(REGIONS)
    kind = "Собственная" if system.kind == SystemKind.OWN else "Коммерческая"
    text = "ЗАЯВКА НА РЕГИСТРАЦИЮ ИНФОРМАЦИОННОЙ СИСТЕМЫ\n\n" + _lines([
        ("Оператор ИС", system.operator_name),
        ("ИНН оператора", system.operator_inn),
        ("Полное наименование ИС", system.full_name),
        ("Сокращенное наименование ИС", system.short_name),
        ("Вид ИС", kind),
        ("Виды информации", "; ".join(str(label) for label in system.information_kind_labels())),
        ("Субъект РФ", f"{system.region} {regions.get(system.region, '')}".strip()),
        ("Территория (по ОКТМО)", system.oktmo),
        ("Сертификат ключа проверки ЭП ИС, серийный номер", certificate.serial),
        ("Издатель сертификата", certificate.issuer),
        ("SHA-256 сертификата", certificate.sha256),
        ("Администратор ИС", " ".join(p for p in (system.admin_last_name, system.admin_first_name,
                                                   system.admin_patronymic) if p)),
        ("Должность администратора", system.admin_position),
        ("Телефон администратора", str(system.admin_phone)),
        ("Электронная почта администратора", system.admin_email),
    ]) + ("\nПодтверждаю соответствие ИС установленным законодательством Российской Федерации требованиям о "
          "защите информации и об информационной безопасности.\n"
          "Принимаю условия «Соглашения об информационном взаимодействии».\n"
          f"\nДата заявки: {timezone.localdate():%d.%m.%Y}\n")
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def render_renewal_text(system, certificate):
    """(text, sha256 hex) of the statement replacing the system's certificate with `certificate`."""
    text = "ЗАМЕНА СЕРТИФИКАТА ИНФОРМАЦИОННОЙ СИСТЕМЫ\n\n" + _lines([
        ("Идентификатор ИС", system.identifier),
        ("Наименование ИС", system.full_name),
        ("Оператор ИС", system.operator_name),
        ("Новый сертификат, серийный номер", certificate.serial),
        ("Издатель сертификата", certificate.issuer),
        ("SHA-256 сертификата", certificate.sha256),
    ])
    # No date in this text: it is prepared on one request and signed on another, possibly after midnight.
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()
