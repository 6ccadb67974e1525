"""Municipal reviewers decide on agreements; version 1 of the agreement text."""

from django.db import migrations

from portal.migration_steps import grant_to_group

REVIEWER_PERMISSIONS = ["view_agreement", "change_agreement", "view_agreementevent", "view_agreementtemplate"]

TEMPLATE_TITLE = "Соглашение о взаимодействии при представлении электронных паспортов многоквартирных домов"
TEMPLATE_BODY = """\
СОГЛАШЕНИЕ О ВЗАИМОДЕЙСТВИИ
при представлении электронных паспортов многоквартирных домов

Муниципальное образование в лице уполномоченного органа (далее — Муниципалитет), с одной стороны, и
{{ org_full_name }} ({{ org_short_name }}), ИНН {{ inn }}{% if kpp %}, КПП {{ kpp }}{% endif %}, {{ ogrn_label }} {{ ogrn }} (далее — Организация), с другой стороны, заключили настоящее Соглашение о нижеследующем.
От имени Организации Соглашение подписывает: {{ signer_position }} {{ signer_name }}; документ, подтверждающий полномочия: {{ authority_document }}.

1. Предмет соглашения
1.1. Стороны обмениваются электронными документами через портал: извещениями об обслуживаемых адресах и электронными паспортами многоквартирных и жилых домов.
1.2. Электронные документы подписываются квалифицированной электронной подписью и признаются равнозначными документам на бумажном носителе, подписанным собственноручной подписью.

2. Обязанности сторон
2.1. Организация сообщает Муниципалитету перечень домов, которые она обслуживает, и представляет паспорта только по подтверждённым адресам.
2.2. Организация обеспечивает достоверность сведений и конфиденциальность ключа электронной подписи.
2.3. Муниципалитет рассматривает поступившие документы в установленные сроки и сообщает о результатах через портал и по электронной почте.

3. Срок действия
3.1. Соглашение вступает в силу со дня его принятия Муниципалитетом и действует бессрочно.
3.2. Соглашение может быть расторгнуто Муниципалитетом с указанием причины; у Организации может быть только одно действующее соглашение.

4. Реквизиты Организации
Юридический адрес: {{ legal_address }}
Почтовый адрес: {{ postal_address }}
Электронная почта: {{ email }}, телефон: {{ phone }}

Дата формирования текста: {{ date }}
"""


def load(apps, schema_editor):
    grant_to_group(apps, "Municipal reviewers", {"agreements": REVIEWER_PERMISSIONS})
    AgreementTemplate = apps.get_model("agreements", "AgreementTemplate")
    AgreementTemplate.objects.get_or_create(version=1, defaults={"title": TEMPLATE_TITLE, "body": TEMPLATE_BODY})


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
        ("accounts", "0002_staff_groups_and_consent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
