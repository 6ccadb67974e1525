from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.choices import Kind, SupplyType


class DeadlineStep(models.TextChoices):
    COMPLETENESS = "completeness", _("Completeness check")
    ANSWER = "answer", _("Answer (technical conditions or contract draft)")
    CORRECTION = "correction", _("Correction by the applicant")


DEFAULT_WORKING_DAYS = {
    (DeadlineStep.COMPLETENESS, None): 3,
    (DeadlineStep.ANSWER, Kind.TECHNICAL_CONDITIONS): 7,
    (DeadlineStep.ANSWER, Kind.CONNECTION_CONTRACT): 20,
    (DeadlineStep.CORRECTION, None): 20,
}


class DeadlineRule(models.Model):
    """Working days a regulated step may take; a rule for a supply type beats one for every type."""

    step = models.CharField(_("step"), max_length=20, choices=DeadlineStep.choices)
    kind = models.CharField(_("application type"), max_length=20, choices=Kind.choices)
    supply_type = models.CharField(_("supply type"), max_length=20, choices=SupplyType.choices, blank=True,
                                   help_text=_("Empty: every supply type."))
    working_days = models.PositiveSmallIntegerField(_("working days"))

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [models.UniqueConstraint(fields=["step", "kind", "supply_type"], name="deadline_rule_unique")]

    def __str__(self):
        return f"{self.get_step_display()}: {self.working_days}"

    @classmethod
    def days_for(cls, application, step):
        rules = dict(cls.objects.filter(step=step, kind=application.kind,
                                        supply_type__in=("", application.supply_type))
                     .values_list("supply_type", "working_days"))
        if application.supply_type in rules:
            return rules[application.supply_type]
        if "" in rules:
            return rules[""]
        return DEFAULT_WORKING_DAYS.get((step, application.kind), DEFAULT_WORKING_DAYS.get((step, None)))
