"""Agreements in each status, with requisites whose numbers have correct check digits."""

from accounts import sample_numbers
from agreements import services
from agreements.choices import OrganisationKind
from agreements.models import Agreement

LEGAL_SUBJECT = (f"/CN=ООО «Ромашка»/O=ООО «Ромашка»/SN=Сидоров/GN=Сидор Сидорович"
                 f"/INNLE={sample_numbers.inn_legal()}/OGRN={sample_numbers.ogrn()}")
ENTREPRENEUR_SUBJECT = (f"/CN=ИП Петров Пётр Петрович/SN=Петров/GN=Пётр Петрович"
                        f"/INN={sample_numbers.inn_person()}/OGRNIP={sample_numbers.ogrnip()}")


def form_data(**overrides):
    """What a legal entity types into the requisites form."""
    data = {
        "org_full_name": "Общество с ограниченной ответственностью «Ромашка»", "org_short_name": "ООО «Ромашка»",
        "inn": sample_numbers.inn_legal(), "kpp": "770701001", "ogrn": sample_numbers.ogrn(),
        "legal_address": "г. Белгород, ул. Ленина, д. 1", "postal_address": "г. Белгород, а/я 15",
        "signer_last_name": "Сидоров", "signer_first_name": "Сидор", "signer_patronymic": "Сидорович",
        "signer_position": "Генеральный директор", "authority_document": "Устав",
        "email": "office@romashka.example.ru", "phone": "+79123456789",
    }
    return {**data, **overrides}


def entrepreneur_data(**overrides):
    return form_data(**{
        "org_full_name": "Индивидуальный предприниматель Петров Пётр Петрович",
        "org_short_name": "ИП Петров П. П.", "inn": sample_numbers.inn_person(), "kpp": "",
        "ogrn": sample_numbers.ogrnip(), "signer_last_name": "Петров", "signer_first_name": "Пётр",
        "signer_patronymic": "Петрович", "signer_position": "Индивидуальный предприниматель",
        "authority_document": "Свидетельство о государственной регистрации", **overrides})


def draft(**overrides):
    data = form_data(**overrides)
    kind = OrganisationKind.ENTREPRENEUR if len(data["ogrn"]) == 15 else OrganisationKind.LEGAL
    return services.agreement_start(requisites={**data, "kind": kind})


def submitted(**overrides):
    """Skips the signature check (tested on its own) but goes through the same transition."""
    agreement = draft(**overrides)
    agreement.submit(signature=b"", report={}, summary="")
    return Agreement.objects.get(pk=agreement.pk)


def accepted(reviewer, **overrides):
    agreement = submitted(**overrides)
    services.agreement_accept(agreement=agreement, actor=reviewer)
    agreement.refresh_from_db()
    return agreement
