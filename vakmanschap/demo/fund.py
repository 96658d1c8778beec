"""Demo content for the fund's daily work: the scheme, budgets, recognised providers and a few
participants at different steps. Idempotent."""

import datetime

from django.utils import timezone

from vakmanschap.accounts.models import User
from vakmanschap.accounts.roles import OrganisationKind
from vakmanschap.catalogue.models import Course
from vakmanschap.esco.shortage import shortage_occupations
from vakmanschap.funding import ledger
from vakmanschap.funding.models import (
    BudgetPeriod,
    FunderKind,
    FundingStream,
    RecognisedProvider,
    Scheme,
    TrainingPlan,
)
from vakmanschap.funding.plans import approve, create_draft, submit
from vakmanschap.guidance import services as guidance
from vakmanschap.guidance.models import CareerConversation
from vakmanschap.organisations.models import Organisation
from vakmanschap.people import services as people
from vakmanschap.people.models import Participant
from vakmanschap.region.models import Municipality

# (stream, funder, euros) for the year's budget.
STREAMS = [
    ("Regio Deal Twente", FunderKind.REGIO_DEAL, 1_500_000),
    ("Provincie Overijssel", FunderKind.PROVINCE, 750_000),
    ("Twentse gemeenten", FunderKind.MUNICIPALITIES, 500_000),
]
# Valid Dutch test IBANs (mod 97), one per demo provider.
PROVIDER_IBANS = [
    "NL44RABO0123456789",
    "NL69INGB0123456789",
    "NL02ABNA0123456789",
    "NL70TRIO0123456789",
    "NL12SNSB0123456789",
]

# (e-mail or None, given, family, birth date, postcode, municipality, education, situation,
#  current job, wish, step)
PEOPLE = [
    (
        "deelnemer@demo.local",
        "Sanne",
        "de Vries",
        datetime.date(1991, 4, 12),
        "7511 AB",
        "GM0153",
        "mbo2",
        "part_time_wants_more",
        "zorghulp",
        "Ik werk 16 uur als zorghulp en wil verzorgende IG worden.",
        "conversation_held",
    ),
    (
        None,
        "Mehmet",
        "Demir",
        datetime.date(1984, 9, 3),
        "7553 KL",
        "GM0164",
        "vmbo",
        "unemployed",
        "operator CNC-machine",
        "Verder in de metaal, als allround verspaner.",
        "approved",
    ),
    (
        None,
        "Amal",
        "Haddad",
        datetime.date(1996, 1, 22),
        "7607 EE",
        "GM0141",
        "havo_vwo",
        "status_holder",
        "",
        "Ik wil in de zorg werken en beter Nederlands leren.",
        "submitted",
    ),
    (
        None,
        "Joris",
        "Kamphuis",
        datetime.date(1979, 6, 30),
        "7461 AA",
        "GM1742",
        "mbo3",
        "employed_full_time",
        "magazijnmedewerker",
        "Omscholen naar elektrotechniek.",
        "pending",
    ),
]


def load_fund_demo() -> dict[str, int]:
    year = timezone.localdate().year
    scheme, _ = Scheme.objects.update_or_create(
        name="Twents Fonds voor Vakmanschap",
        defaults={
            "valid_from": datetime.date(year, 1, 1),
            "valid_to": None,
            "max_amount_cents": 250_000,
        },
    )
    scheme.municipalities.set(Municipality.objects.all())
    for name, kind, euros in STREAMS:
        stream, _ = FundingStream.objects.get_or_create(name=name, defaults={"funder_kind": kind})
        period, created = BudgetPeriod.objects.get_or_create(
            stream=stream,
            start=datetime.date(year, 1, 1),
            defaults={"end": datetime.date(year + 1, 12, 31)},
        )
        if created:
            ledger.post(period.pk, "allocate", euros * 100, reason=f"Begroting {year}")
    for provider, iban in zip(
        Organisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("pk"),
        PROVIDER_IBANS,
        strict=False,
    ):
        RecognisedProvider.objects.get_or_create(
            provider=provider,
            defaults={"recognised_since": datetime.date(2019, 1, 1), "iban": iban},
        )
    made = sum(_person(row, scheme) for row in PEOPLE)
    return {"schemes": 1, "funding streams": len(STREAMS), "demo participants": made}


def _person(row, scheme) -> int:
    email, given, family, born, postcode, cbs, education, situation, job, wish, step = row
    if Participant.objects.filter(given_name=given, family_name=family, birth_date=born).exists():
        return 0
    advisor = User.objects.get(email="adviseur@demo.local")
    fund_officer = User.objects.get(email="fonds@demo.local")
    person = people.register(
        by=advisor,
        given_name=given,
        family_name=family,
        birth_date=born,
        postcode=postcode,
        municipality=Municipality.objects.get(cbs_code=cbs),
        email=email or "",
        education_level=education,
        work_situation=situation,
        current_job=job,
        training_wish=wish,
        consent_purpose="Begeleiding naar scholing, en de financiering daarvan, door het fonds",
        privacy_version="2026-1",
    )
    if email:
        person.user = User.objects.get(email=email)
        person.save(update_fields=["user"])
    if step == "pending":
        return 1
    people.triage(person, "conversation_needed", by=advisor)
    conversation = guidance.schedule(
        person,
        advisor=advisor,
        location="Werkplein Enschede",
        scheduled_at=timezone.now() + datetime.timedelta(days=1),
    )
    CareerConversation.objects.filter(pk=conversation.pk).update(
        scheduled_at=timezone.now() - datetime.timedelta(days=7)
    )
    conversation.refresh_from_db()  # held only after its start: the check reads this object
    guidance.record_held(
        conversation,
        by=advisor,
        notes="Gemotiveerd; goede basis.",
        outcome="Route naar een kansberoep besproken.",
        next_step="Scholingsplan opstellen",
    )
    if step == "conversation_held":
        return 1
    target = shortage_occupations(scheme.region).first()
    course = (
        Course.objects.filter(
            level__lte=scheme.max_course_level, price_cents__lte=scheme.max_amount_cents
        )
        .order_by("pk")
        .first()
    )
    if target is None or course is None:
        return 1
    period = BudgetPeriod.objects.filter(stream__name=STREAMS[0][0]).first()
    plan = create_draft(
        participant=person,
        author=advisor,
        scheme=scheme,
        funding_period=period,
        target_occupation=target,
        courses=[course],
        justification="Sluit aan bij werkervaring en wens.",
    )
    submit(plan, by=advisor)
    if step == "approved":
        approve(TrainingPlan.objects.get(pk=plan.pk), by=fund_officer)
    return 1
