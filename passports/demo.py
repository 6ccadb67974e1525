"""Demo data: one draft passport for the demo organisation's first building served today. It needs the
user `org` with an agreement and a served address (made by the agreements and addresses loaders)."""

from django.utils import timezone

from accounts.models import User
from addresses.models import ServedAddress
from passports.models import Passport
from passports.services import passport_create


def load_demo_passport(users, stdout):
    organisation = users.get("org") or User.objects.filter(username="org").first()
    if organisation is None or Passport.objects.filter(organisation=organisation).exists():
        return
    serving = (ServedAddress.objects.of_organisation(organisation).current(timezone.localdate())
               .select_related("address").order_by("starts_on", "pk").first())
    if serving is None:
        return
    passport = passport_create(organisation=organisation, address=serving.address)
    stdout.write(f"Demo passport: a draft for {passport.address}.")
