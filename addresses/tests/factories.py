import factory

from addresses.models import Address
from addresses.normalize import normalize


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    region = "Белгородская обл."
    locality = "г. Белгород"
    street = "ул. Садовая"
    house = factory.Sequence(lambda n: f"д. {n + 1}")
    full_text = factory.LazyAttribute(lambda a: ", ".join(p for p in (a.region, a.locality, a.street, a.house) if p))
    search_text = factory.LazyAttribute(lambda a: normalize(a.full_text))
    gar_object_id = factory.Sequence(lambda n: 90000000 + n)
