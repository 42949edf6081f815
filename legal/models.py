from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityNotification(models.Model):
    """DSA Art. 18: a moderator informed law enforcement or judicial authorities of
    information giving rise to a suspicion that a criminal offence involving a threat to the
    life or safety of a person has taken place, is taking place or is likely to take place.
    Written only by legal.services.authorities_notify, which logs it in the same transaction."""

    case = models.ForeignKey(
        "moderation.Case", on_delete=models.PROTECT, related_name="authority_notifications"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    authority = models.CharField(_("authority"), max_length=200)
    member_state = models.CharField(_("member state"), max_length=2)
    reference = models.CharField(_("authority's reference"), max_length=100, blank=True)
    sent = models.TextField(_("what was sent"))
    sent_at = models.DateTimeField(_("sent at"))
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Art. 18 notification {self.pk} (case {self.case_id})"
