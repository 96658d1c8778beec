from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ErasureStatus(models.TextChoices):
    OPEN = "open", _("To decide")
    APPROVED = "approved", _("Approved, data anonymised")
    REFUSED = "refused", _("Refused")


class ErasureRequest(models.Model):
    """A request to erase someone's personal data (GDPR art. 17), with its decision.

    On approval the participant is anonymised at once (see services.anonymise); the request
    record itself stays as proof that the request was handled."""

    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.PROTECT,
        related_name="erasure_requests",
        verbose_name=_("participant"),
    )
    reason = models.TextField(_("reason for the request"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.OPEN
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        indexes = [models.Index(fields=["status", "requested_at"], name="erasure_queue")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(decision_reason=""),
                name="erasure_refusal_needs_reason",
            ),
            # One open request per person; a double submit does not create two.
            models.UniqueConstraint(
                fields=["participant"], condition=Q(status="open"), name="erasure_one_open"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} ({self.get_status_display()})"
