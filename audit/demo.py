"""`manage.py load_demo`: a security officer to try the audit page (/audit/)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

SECURITY_OFFICERS = "Security officers"


def load_demo_officer(users, stdout):
    from portal.management.commands.load_demo import DEMO_PASSWORD

    officer, _created = get_user_model().objects.get_or_create(username="officer")
    officer.email = "officer@demo.portal.local"
    officer.full_name = "Безопасникова Ольга Игоревна"
    officer.is_staff = True  # the menu shows «Аудит» to staff members with the permission
    officer.set_password(DEMO_PASSWORD)
    officer.save()
    EmailAddress.objects.update_or_create(user=officer, email=officer.email,
                                          defaults={"verified": True, "primary": True})
    officer.groups.add(Group.objects.get(name=SECURITY_OFFICERS))
    officer.demo_role = "Офицер безопасности (аудит)"
    users["officer"] = officer
