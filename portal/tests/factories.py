import factory

from portal.models import Branch


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ("city",)

    city = "Белгород"
    name = factory.LazyAttribute(lambda branch: f"Филиал «{branch.city}»")
    slug = factory.Sequence(lambda n: f"city-{n}")
