"""Information systems and delegations in each state, made through the services."""

import datetime

from django.utils import timezone

from integrations import services
from integrations.choices import InformationKind, SystemKind

ALL_KINDS = [InformationKind.NOTICES, InformationKind.PASSPORTS]


def system_fields(**overrides):
    fields = {
        "kind": SystemKind.OWN, "full_name": "Биллинговая система ООО «Ромашка»", "short_name": "Биллинг Ромашки",
        "information_kinds": list(ALL_KINDS), "region": "31", "oktmo": "14701000001",
        "admin_last_name": "Иванов", "admin_first_name": "Иван", "admin_patronymic": "Иванович",
        "admin_position": "Администратор ИС", "admin_phone": "+79123456780", "admin_email": "is@romashka.example.ru",
    }
    return {**fields, **overrides}


def draft_system(organisation, key, **overrides):
    return services.system_start(operator=organisation, certificate_data=key.cert.read_bytes(),
                                 **system_fields(**overrides))


def active_system(organisation, key, reviewer, sign_bytes, **overrides):
    system = draft_system(organisation, key, **overrides)
    outcome = services.system_sign(system=system, data=sign_bytes(key, system.text_bytes))
    assert outcome.valid, outcome.summary
    services.system_activate(system=system, actor=reviewer)
    system.refresh_from_db()
    return system


def delegation(organisation, system, *, kinds=None, starts_on=None, ends_on=None):
    return services.delegation_create(organisation=organisation, system=system,
                                      information_kinds=list(kinds or ALL_KINDS),
                                      starts_on=starts_on or timezone.localdate() - datetime.timedelta(days=1),
                                      ends_on=ends_on)
