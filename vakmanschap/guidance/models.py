from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description

from vakmanschap.core.presentation import format_moment


class ConversationState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


class CareerConversation(ConcurrentTransitionMixin, models.Model):
    """A career conversation (loopbaangesprek) at the Leerwerkloket."""

    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.CASCADE,
        related_name="conversations",
        verbose_name=_("participant"),
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="conversations",
        verbose_name=_("career advisor"),
    )
    scheduled_at = models.DateTimeField(_("date and time"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    state = FSMField(
        default=ConversationState.SCHEDULED, choices=ConversationState.choices, protected=True
    )
    notes = models.TextField(_("notes"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    next_step = models.CharField(_("agreed next step"), max_length=300, blank=True)
    #: The invitation's revision (iCalendar SEQUENCE): raised by each change the participant is
    #: sent, so their calendar replaces the earlier invitation instead of adding one.
    invitation_sequence = models.PositiveIntegerField(_("invitation revision"), default=0)

    class Meta:
        ordering = ["-scheduled_at"]
        verbose_name = _("career conversation")
        verbose_name_plural = _("career conversations")
        indexes = [models.Index(fields=["advisor", "state", "scheduled_at"], name="conv_caseload")]

    def __str__(self):
        return f"{self.participant} {format_moment(self.scheduled_at)}"

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=ConversationState.SCHEDULED, target=ConversationState.HELD)
    def hold(self, *, notes: str, outcome: str, next_step: str, by=None, description=None):
        self.notes, self.outcome, self.next_step = notes, outcome, next_step

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=ConversationState.SCHEDULED, target=ConversationState.NO_SHOW)
    def mark_no_show(self, *, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=ConversationState.SCHEDULED, target=ConversationState.CANCELLED)
    def cancel(self, *, by=None, description=None):
        pass
