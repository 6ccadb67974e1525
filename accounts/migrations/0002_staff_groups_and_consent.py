from django.db import migrations
from django.utils import timezone

STAFF_GROUPS = ("Utility staff", "Municipal reviewers", "Front office")

CONSENT_TEXT = """Я, действуя свободно, своей волей и в своём интересе, в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных» даю согласие оператору портала подключения на обработку моих персональных данных: фамилии, имени, отчества, даты рождения, паспортных данных, СНИЛС, ИНН, адресов, номера телефона, адреса электронной почты, а также сведений об организации, которую я представляю.

Цель обработки: регистрация в личном кабинете, рассмотрение заявок на выдачу технических условий и заключение договоров о подключении (технологическом присоединении), рассмотрение обращений, направление уведомлений по SMS и электронной почте.

Действия с персональными данными: сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, использование, передача (предоставление, доступ) филиалам оператора, обезличивание, блокирование, удаление, уничтожение — с использованием средств автоматизации и без них.

Согласие действует до достижения целей обработки или до его отзыва. Согласие может быть отозвано письменным заявлением оператору; отзыв не влияет на законность обработки, выполненной до него."""


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in STAFF_GROUPS:
        Group.objects.get_or_create(name=name)
    ConsentDocument = apps.get_model("accounts", "ConsentDocument")
    ConsentDocument.objects.get_or_create(version="1.0", defaults={
        "title": "Согласие на обработку персональных данных",
        "text": CONSENT_TEXT,
        "published_at": timezone.now(),
    })


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
