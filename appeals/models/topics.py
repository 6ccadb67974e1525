from django.db import models
from django.utils.translation import gettext_lazy as _


class TopicQuerySet(models.QuerySet):
    def for_branch(self, branch):
        """Topics of every branch plus the branch's own ones."""
        return self.filter(models.Q(branch__isnull=True) | models.Q(branch=branch))


class Topic(models.Model):
    """An appeal topic kept in the admin (seed 001 table 9). A topic may belong to one branch where
    the question only makes sense there; an empty branch means every city."""

    name = models.CharField(_("name"), max_length=200)
    branch = models.ForeignKey("portal.Branch", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="appeal_topics", verbose_name=_("branch"),
                               help_text=_("Empty: the topic is offered in every city."))
    is_active = models.BooleanField(_("offered to applicants"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal topic")
        verbose_name_plural = _("appeal topics")
        ordering = ["order", "name"]

    def __str__(self):
        if self.branch_id:
            return f"{self.name} ({self.branch})"
        return self.name


class ReplyTemplate(models.Model):
    """A ready answer for a topic; staff pick it, it fills the answer box, they edit it and send."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reply_templates",
                              verbose_name=_("topic"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=8000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title
