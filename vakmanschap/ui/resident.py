"""The resident's own page: the progress tracker, their cheques and their routes."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import render

from vakmanschap.core.access import guarded
from vakmanschap.core.compiled import CompiledQuery
from vakmanschap.esco.models import attach_preferred_labels
from vakmanschap.funding.models import TrainingPlan
from vakmanschap.guidance.models import CareerConversation
from vakmanschap.people.models import Participant
from vakmanschap.people.permissions import is_participant_self

from .progress import cheques_of, plans_of, progress_for

# Read on every visit of the start page: compiled once per process (core/compiled.py). Whether
# there are plans and conversations to read comes with it: a resident who just signed up has
# neither, and is spared the two queries.
_participant_of = CompiledQuery(
    lambda user_id: (
        Participant.objects.filter(user_id=user_id)
        .annotate(
            has_plans=Exists(TrainingPlan.objects.filter(participant=OuterRef("pk"))),
            has_conversations=Exists(CareerConversation.objects.filter(participant=OuterRef("pk"))),
        )
        .order_by("pk")[:1]
    ),
    int,
)


@transaction.non_atomic_requests  # reads only: no transaction to begin and commit
@guarded(is_participant_self)
def my_route(request):
    found = _participant_of(request.user.pk)
    participant = found[0] if found else None
    if participant is None:
        return render(request, "ui/my_route.html", {"participant": None})
    plans = plans_of(participant) if participant.has_plans else []
    occupations = [plan.target_occupation for plan in plans if plan.target_occupation]
    if occupations:
        attach_preferred_labels(occupations)  # one query for all plans' occupation names
    cheques = cheques_of(plans)
    return render(
        request,
        "ui/my_route.html",
        {
            "participant": participant,
            "progress": progress_for(
                participant,
                plans=plans,
                cheques=cheques,
                conversations=None if participant.has_conversations else [],
            ),
            "plans": plans,
            "cheques": cheques,
        },
    )
