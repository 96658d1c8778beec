"""The resident's own page: the progress tracker, their cheques and their routes."""

from django.shortcuts import render

from vakmanschap.core.access import guarded
from vakmanschap.people.models import Participant
from vakmanschap.people.permissions import is_participant_self

from .progress import progress_for


@guarded(is_participant_self)
def my_route(request):
    participant = (
        Participant.objects.filter(user=request.user).select_related("municipality").first()
    )
    if participant is None:
        return render(request, "ui/my_route.html", {"participant": None})
    plans = participant.plans.select_related("target_occupation").order_by("-created_at")
    cheques = [
        cheque
        for plan in plans
        for cheque in plan.cheques.select_related("plan_course__course__provider").order_by("pk")
    ]
    return render(
        request,
        "ui/my_route.html",
        {
            "participant": participant,
            "progress": progress_for(participant),
            "plans": plans,
            "cheques": cheques,
        },
    )
