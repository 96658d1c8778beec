from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vakmanschap.audit.services import record_event
from vakmanschap.core.access import guarded, require
from vakmanschap.people.models import Participant, advisor_scope

from . import services
from .forms import OutcomeForm, ScheduleForm
from .models import CareerConversation, ConversationState
from .permissions import can_manage_conversations

NOTES_READ = "conversation_notes_read"


@guarded(can_manage_conversations)
def agenda(request):
    conversations = (
        CareerConversation.objects.filter(advisor=request.user)
        .filter(advisor_scope(request.user, "participant__"))
        .select_related("participant")
        .order_by("state", "scheduled_at")
    )
    page = Paginator(conversations, 25).get_page(request.GET.get("page"))
    return render(request, "guidance/agenda.html", {"page": page})


@guarded(can_manage_conversations)
def schedule(request, participant_pk):
    participant = get_object_or_404(Participant.objects.active(), pk=participant_pk)
    require(can_manage_conversations, request.user, participant)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.schedule(participant, advisor=request.user, **form.cleaned_data)
        messages.success(request, _("The conversation has been scheduled."))
        return redirect("people:detail", pk=participant.pk)
    return render(request, "guidance/schedule.html", {"form": form, "participant": participant})


@guarded(can_manage_conversations)
def reschedule(request, pk):
    """A new date, time or place; the participant is sent the changed invitation."""
    conversation = get_object_or_404(
        CareerConversation.objects.select_related("participant"), pk=pk
    )
    require(can_manage_conversations, request.user, conversation)
    if conversation.state != ConversationState.SCHEDULED:
        messages.error(request, _("This conversation can no longer be changed."))
        return redirect("guidance:detail", pk=conversation.pk)
    initial = {"scheduled_at": conversation.scheduled_at, "location": conversation.location}
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reschedule(conversation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The conversation has been moved; the participant has been told.")
            )
            return redirect("guidance:detail", pk=conversation.pk)
    return render(request, "guidance/reschedule.html", {"form": form, "conversation": conversation})


@guarded(can_manage_conversations)
def detail(request, pk):
    conversation = get_object_or_404(
        CareerConversation.objects.select_related("participant"), pk=pk
    )
    require(can_manage_conversations, request.user, conversation)
    if request.method == "GET":
        record_event(NOTES_READ, actor=request.user, obj=conversation)
    form = OutcomeForm(request.POST or None)
    if (
        request.method == "POST"
        and conversation.state == ConversationState.SCHEDULED
        and form.is_valid()
    ):
        data = form.cleaned_data
        try:
            if data["result"] == "held":
                services.record_held(
                    conversation,
                    by=request.user,
                    notes=data["notes"],
                    outcome=data["outcome"],
                    next_step=data["next_step"],
                )
            elif data["result"] == "no_show":
                services.record_no_show(conversation, by=request.user, reason=data["notes"])
            else:
                services.cancel(conversation, by=request.user, reason=data["notes"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The conversation has been updated."))
            return redirect("people:detail", pk=conversation.participant_id)
    return render(request, "guidance/detail.html", {"conversation": conversation, "form": form})
