"""The address register. GAR rows (address objects and the administrative hierarchy) are kept as
imported, so a later delta or a house file of the same region can be resolved without re-reading the
whole extract; `Address` is the flattened, searchable row the rest of the portal points at."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from addresses.querysets import AddressQuerySet


class GarLevel(models.IntegerChoices):
    """GAR OBJECT_LEVELS (the reference file AS_OBJECT_LEVELS)."""

    REGION = 1, _("Region")
    ADMIN_DISTRICT = 2, _("Administrative district")
    MUNICIPAL_DISTRICT = 3, _("Municipal district")
    SETTLEMENT_MUNICIPALITY = 4, _("Rural or urban settlement")
    CITY = 5, _("City")
    LOCALITY = 6, _("Locality")
    PLANNING_ELEMENT = 7, _("Planning structure element")
    STREET = 8, _("Street")
    LAND_PLOT = 9, _("Land plot")
    BUILDING = 10, _("Building")
    PREMISES = 11, _("Premises")
    AUTONOMOUS_DISTRICT = 13, _("Autonomous district")
    INTRACITY_TERRITORY = 14, _("Intracity territory")
    EXTRA_TERRITORY = 15, _("Additional territory")
    EXTRA_TERRITORY_OBJECT = 16, _("Object of an additional territory")


class AddressObject(models.Model):
    """AS_ADDR_OBJ: a region, district, city, settlement or street (one actual version per OBJECTID)."""

    objectid = models.BigIntegerField(_("GAR object id"), unique=True)
    objectguid = models.UUIDField(_("GAR object GUID"))
    name = models.CharField(_("name"), max_length=250)
    typename = models.CharField(_("type"), max_length=50)
    level = models.PositiveSmallIntegerField(_("level"), choices=GarLevel.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("GAR address object")
        verbose_name_plural = _("GAR address objects")
        ordering = ["level", "name"]

    def __str__(self):
        return f"{self.typename} {self.name}"


class HierarchyItem(models.Model):
    """AS_ADM_HIERARCHY: the active parent and the dotted OBJECTID path of an object or a house."""

    objectid = models.BigIntegerField(_("GAR object id"), unique=True)
    parent_objectid = models.BigIntegerField(_("parent GAR object id"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=300)

    class Meta:
        verbose_name = _("GAR hierarchy item")
        verbose_name_plural = _("GAR hierarchy items")

    def __str__(self):
        return self.path


class Address(models.Model):
    """A house (with its building or structure number) as people and notices refer to it."""

    region = models.CharField(_("region"), max_length=200, blank=True)
    district = models.CharField(_("district"), max_length=200, blank=True)
    locality = models.CharField(_("city or settlement"), max_length=300, blank=True)
    street = models.CharField(_("street"), max_length=300, blank=True)
    house = models.CharField(_("house"), max_length=100, blank=True)
    building = models.CharField(_("building"), max_length=100, blank=True)
    full_text = models.CharField(_("address"), max_length=1000)
    # Lowercase, ё→е, abbreviations unified (addresses.normalize): what suggestions search in.
    search_text = models.CharField(max_length=1000, editable=False)
    gar_object_id = models.BigIntegerField(_("GAR object id"), unique=True, null=True, blank=True)
    gar_object_guid = models.UUIDField(_("GAR object GUID"), null=True, blank=True)
    # GAR publishes no coordinates: they come from a geocoder or by hand when known.
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["search_text"]

    def __str__(self):
        return self.full_text


class ServedAddressQuerySet(models.QuerySet):
    def of_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def current(self, on):
        """Servings in force on the date `on`: started on or before it and not yet ended."""
        return self.filter(starts_on__lte=on).filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=on))

    def open(self):
        """Servings with no end date: in force now or from a future start date."""
        return self.filter(ends_on__isnull=True)


class ServedAddress(models.Model):
    """A building on an organisation's served list (seed 000): it begins with a confirmed notice of
    adding and ends with a confirmed notice of removal; ended rows stay, so the list has a history."""

    organisation = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="served_addresses", verbose_name=_("organisation"))
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="servings",
                                verbose_name=_("address"))
    starts_on = models.DateField(_("served from"))
    ends_on = models.DateField(_("served until"), null=True, blank=True,
                               help_text=_("The first day the organisation no longer serves the building."))

    objects = ServedAddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("served address")
        verbose_name_plural = _("served addresses")
        ordering = ["address__search_text", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "address"], condition=models.Q(ends_on__isnull=True),
                                    name="served_address_one_open_per_organisation"),
        ]

    def __str__(self):
        return f"{self.address} — {self.organisation}"

