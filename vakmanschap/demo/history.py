"""A year of made-up history for the regional monitor: a few hundred people over the 14
municipalities, each stopping at a step of the fund path, with follow-up answers for those who
finished half a year ago or more. Run through the real services, then dated back. Idempotent:
it does nothing when the history is there, or without a shortage list (no ESCO import)."""

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from vakmanschap.accounts.models import Membership, User
from vakmanschap.accounts.roles import Role
from vakmanschap.catalogue.models import Course
from vakmanschap.delivery import services as delivery
from vakmanschap.esco.shortage import shortage_occupations
from vakmanschap.followup import services as followup
from vakmanschap.followup.models import FollowUp
from vakmanschap.funding.cheques import redeem
from vakmanschap.funding.models import BudgetPeriod, Cheque, Scheme, TrainingPlan
from vakmanschap.funding.plans import approve, create_draft, submit
from vakmanschap.guidance import services as guidance
from vakmanschap.guidance.models import CareerConversation
from vakmanschap.people import services as people
from vakmanschap.people.models import Participant
from vakmanschap.region.models import Municipality

PEOPLE = 240
MARKER = "Historie"  # in the e-mail addresses, so a second run finds the first
GIVEN = [
    "Anouk",
    "Bram",
    "Daan",
    "Eva",
    "Fleur",
    "Hamza",
    "Iris",
    "Jeroen",
    "Lotte",
    "Mohamed",
    "Noor",
    "Ruben",
    "Sanne",
    "Thijs",
    "Yara",
    "Zeynep",
    "Kevin",
    "Maaike",
    "Ahmad",
    "Ilse",
]
FAMILY = [
    "Bakker",
    "Jansen",
    "de Vries",
    "Mulder",
    "Smit",
    "Visser",
    "Meijer",
    "de Boer",
    "Kok",
    "Nijhuis",
    "Oude Luttikhuis",
    "Brinkman",
    "Haverkamp",
    "Yilmaz",
    "Hassan",
]
SITUATIONS = (
    ["part_time_wants_more"] * 3
    + ["unemployed"] * 3
    + ["status_holder"] * 2
    + ["employed_full_time"] * 3
    + ["not_in_labour_force"]
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _ago(days: int):
    return timezone.now() - datetime.timedelta(days=days)


def load_monitor_history(count: int = PEOPLE, seed: int = 2026) -> int:
    if Participant.objects.filter(email__contains=MARKER.lower()).exists():
        return 0
    scheme = Scheme.objects.order_by("-valid_from").first()
    targets = list(shortage_occupations(scheme.region if scheme else None)[:6])
    staffed = Membership.objects.filter(role=Role.PROVIDER_STAFF).values("organisation")
    courses = list(
        Course.objects.filter(
            level__lte=4, price_cents__lte=250_000, provider__in=staffed
        ).select_related("provider")
    )
    if scheme is None or not targets or not courses:
        return 0
    rng = random.Random(seed)
    world = {
        "advisor": User.objects.get(email="adviseur@demo.local"),
        "fund_officer": User.objects.get(email="fonds@demo.local"),
        "period": BudgetPeriod.objects.order_by("pk").first(),
        "municipalities": list(Municipality.objects.filter(region=scheme.region)),
        "scheme": scheme,
    }
    for i in range(count):
        with transaction.atomic():
            _walk(i, rng, world, rng.choice(targets), rng.choice(courses))
    return count


def _walk(i, rng, world, target, course):
    signed_days_ago = rng.randint(5, 365)
    person = people.register(
        by=world["advisor"],
        given_name=rng.choice(GIVEN),
        family_name=f"{rng.choice(FAMILY)}",
        birth_date=datetime.date(1965 + i % 38, 1 + i % 12, 1 + i % 28),
        postcode=f"7{500 + i % 400:03d} AB",
        municipality=rng.choice(world["municipalities"]),
        email=f"{MARKER.lower()}{i}@example.org",
        education_level=rng.choice(["vmbo", "mbo1", "mbo2", "mbo3", "havo_vwo"]),
        work_situation=rng.choice(SITUATIONS),
        current_job="",
        training_wish="Omscholen naar een kansberoep.",
        consent_purpose="Begeleiding naar scholing, en de financiering daarvan, door het fonds",
        privacy_version="2026-1",
    )
    Participant.objects.filter(pk=person.pk).update(created_at=_ago(signed_days_ago))
    if rng.random() > 0.8 or signed_days_ago < 10:
        return
    advisor = world["advisor"]
    people.triage(person, "conversation_needed", by=advisor)
    talk = guidance.schedule(person, advisor=advisor, scheduled_at=timezone.now())
    guidance.record_held(talk, by=advisor, notes="", outcome="Route besproken.", next_step="")
    CareerConversation.objects.filter(pk=talk.pk).update(scheduled_at=_ago(signed_days_ago - 7))
    if rng.random() > 0.7 or signed_days_ago < 30:
        return
    plan = create_draft(
        participant=person,
        author=advisor,
        scheme=world["scheme"],
        funding_period=world["period"],
        target_occupation=target,
        courses=[course],
        justification="Past bij wens en arbeidsmarkt.",
    )
    submit(plan, by=advisor)
    decision = approve(TrainingPlan.objects.get(pk=plan.pk), by=world["fund_officer"])
    if not decision.codes:
        return  # waiting list: the budget ran out
    ((_, code),) = decision.codes.items()
    provider_user = (
        Membership.objects.filter(organisation=course.provider, role=Role.PROVIDER_STAFF)
        .first()
        .user
    )
    cheque = redeem(
        provider=course.provider, user=provider_user, code=code, birth_date=person.birth_date
    )
    TrainingPlan.objects.filter(pk=plan.pk).update(decided_at=_ago(signed_days_ago - 21))
    if rng.random() > 0.85 or signed_days_ago < 50:
        return
    cheque = delivery.declare_start(cheque, by=provider_user, start_date=timezone.localdate())
    start_days_ago = signed_days_ago - 45
    Cheque.objects.filter(pk=cheque.pk).update(
        started_at=_ago(start_days_ago),
        start_date=timezone.localdate(_ago(start_days_ago)),
        issued_at=_ago(signed_days_ago - 21),
    )
    cheque.refresh_from_db()  # completion checks the start date: never on the start day
    finish_days_ago = start_days_ago - 30 * course.duration_months
    if finish_days_ago < 1:
        return  # still in training
    if rng.random() < 0.12:
        delivery.drop_out(cheque, by=provider_user, reason="Werk gevonden tijdens de opleiding.")
    else:
        certificate = SimpleUploadedFile("certificaat.pdf", PDF, content_type="application/pdf")
        delivery.complete(cheque, by=provider_user, certificate=certificate, percent=95)
    Cheque.objects.filter(pk=cheque.pk).update(finished_at=_ago(finish_days_ago))
    if finish_days_ago < 183:
        return
    for follow_up in followup.schedule_due():
        if rng.random() < 0.75:
            in_work = rng.random() < 0.72
            # About 40% of those in work now work more hours; part-timers who wanted more most.
            wanted_more = person.work_situation == "part_time_wants_more"
            more_hours = rng.random() < (0.6 if wanted_more else 0.35) if in_work else None
            followup.record_answers(
                follow_up,
                {
                    "work_situation": "employed" if in_work else "seeking",
                    "hours_per_week": rng.choice([24, 28, 32, 36, 38]) if in_work else None,
                    "more_hours": more_hours,
                    "occupation_title": str(target) if in_work else "",
                    "occupation_relation": rng.choice(["trained_for", "trained_for", "related"])
                    if in_work
                    else "",
                    "contract_type": rng.choice(["permanent", "fixed_term", "flexible"])
                    if in_work
                    else "",
                    "helpfulness": rng.choice([3, 4, 4, 5, 5]),
                },
                "phone",
                by=advisor,
            )
            FollowUp.objects.filter(pk=follow_up.pk).update(
                answered_at=_ago(max(0, finish_days_ago - 190))
            )
