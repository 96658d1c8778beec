from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vakmanschap.core.access import guarded, require
from vakmanschap.people.models import advisor_scope

from . import services
from .forms import FollowUpForm
from .models import Channel, FollowUp
from .permissions import can_record_follow_up, can_use_follow_up_link


@guarded(can_use_follow_up_link)
def answer(request, token):
    follow_up = services.for_token(token)
    if follow_up is None:
        raise Http404
    if not can_use_follow_up_link(request.user, follow_up):
        return render(request, "followup/link_invalid.html", status=410)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_by_link(token, form.answers())
        except services.LinkNotUsable:
            return render(request, "followup/link_invalid.html", status=410)
        return render(request, "followup/thanks.html")
    return render(request, "followup/answer.html", {"form": form, "follow_up": follow_up})


@guarded(can_record_follow_up)
def open_follow_ups(request):
    """The advisor's list of follow-ups without an answer, to call."""
    rows = (
        FollowUp.objects.filter(answered_at=None)
        .filter(advisor_scope(request.user, "plan__participant__"))
        .select_related("plan__participant")[:500]
    )
    return render(request, "followup/open.html", {"follow_ups": rows})


@guarded(can_record_follow_up)
def record_by_phone(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("plan__participant"), pk=pk)
    require(can_record_follow_up, request.user, follow_up)
    form = FollowUpForm(request.POST or None, instance=None if request.POST else follow_up)
    if request.method == "POST" and form.is_valid():
        services.record_answers(follow_up, form.answers(), Channel.PHONE, by=request.user)
        messages.success(request, _("The answers from the phone call are saved."))
        return redirect("followup:open")
    return render(request, "followup/phone.html", {"form": form, "follow_up": follow_up})
