import datetime

import pytest

from tests.factories import CourseFactory, MunicipalityFactory, held_conversation, user_with_role
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.esco.models import Concept, Label, LabelKind, ShortageList, ShortageOccupation
from vakmanschap.funding import ledger
from vakmanschap.funding.models import BudgetPeriod, FundingStream, RecognisedProvider, Scheme
from vakmanschap.funding.plans import create_draft
from vakmanschap.guidance.services import has_held_conversation
from vakmanschap.organisations.models import Organisation
from vakmanschap.people.services import register


class FundWorld:
    """A small fund: one scheme for Enschede, a budget, two providers, a shortage list."""

    def __init__(self, allocated=1_000_000):
        self.enschede = MunicipalityFactory(cbs_code="GM0153", name="Enschede")
        self.amsterdam = MunicipalityFactory(cbs_code="GM0363", name="Amsterdam")
        self.scheme = Scheme.objects.create(
            name="TFVV 2026", valid_from=datetime.date(2020, 1, 1), max_amount_cents=1_000_000
        )
        self.scheme.municipalities.add(self.enschede)
        stream = FundingStream.objects.create(name="Regio Deal Twente")
        self.period = BudgetPeriod.objects.create(
            stream=stream, start=datetime.date(2020, 1, 1), end=datetime.date(2035, 12, 31)
        )
        if allocated:
            ledger.post(self.period.pk, "allocate", allocated)
        self.provider = Organisation.objects.create(
            name="Zorgacademie", kind=OrganisationKind.PROVIDER
        )
        self.other_provider = Organisation.objects.create(
            name="Techniek BV", kind=OrganisationKind.PROVIDER
        )
        for p, iban in (
            (self.provider, "NL44RABO0123456789"),
            (self.other_provider, "NL69INGB0123456789"),
        ):
            RecognisedProvider.objects.create(
                provider=p, recognised_since=datetime.date(2020, 1, 1), iban=iban
            )
        self.course = CourseFactory(
            provider=self.provider, title="Verzorgende IG", level=3, price_cents=200_000
        )
        self.course_b = CourseFactory(
            provider=self.other_provider, title="Lasser", level=2, price_cents=50_000
        )
        self.nurse = Concept.objects.create(
            uri="http://data.europa.eu/esco/occupation/nurse", kind="occupation", code="3221.1"
        )
        self.clerk = Concept.objects.create(
            uri="http://data.europa.eu/esco/occupation/clerk", kind="occupation", code="4110.1"
        )
        for concept, nl, en in (
            (self.nurse, "verpleegkundige", "nurse"),
            (self.clerk, "administratief medewerker", "clerk"),
        ):
            Label.objects.create(concept=concept, language="nl", kind=LabelKind.PREFERRED, text=nl)
            Label.objects.create(concept=concept, language="en", kind=LabelKind.PREFERRED, text=en)
        shortage = ShortageList.objects.create(valid_from=datetime.date(2020, 1, 1))
        ShortageOccupation.objects.create(
            shortage_list=shortage, occupation=self.nurse, sector="zorg"
        )
        # Two advice organisations: advisors see only their own organisation's participants.
        self.advice = Organisation.objects.create(
            name="Leerwerkloket Twente", kind=OrganisationKind.ADVICE
        )
        self.other_advice = Organisation.objects.create(
            name="Werkplein Almelo", kind=OrganisationKind.ADVICE
        )
        self.advisor = user_with_role(Role.ADVISOR, self.advice)
        self.colleague = user_with_role(Role.ADVISOR, self.advice)  # the second pair of eyes
        self.other_advisor = user_with_role(Role.ADVISOR, self.other_advice)
        self.fund_officer = user_with_role(Role.FUND_OFFICER)
        self.second_officer = user_with_role(Role.FUND_OFFICER)
        self.finance_officer = user_with_role(Role.FINANCE_OFFICER)
        self.provider_user = user_with_role(Role.PROVIDER_STAFF, self.provider)
        self.other_provider_user = user_with_role(Role.PROVIDER_STAFF, self.other_provider)

    def participant(self, **overrides):
        fields = dict(
            given_name="Sanne",
            family_name="de Vries",
            birth_date=datetime.date(1990, 5, 17),
            postcode="7511AB",
            municipality=self.enschede,
            email="sanne@example.org",
            education_level="mbo2",
            work_situation="part_time_wants_more",
            consent_purpose="Scholing via het fonds",
            privacy_version="2026-1",
        )
        fields.update(overrides)
        return register(by=self.advisor, **fields)

    def plan(
        self, participant=None, courses=None, occupation=None, conversation_held=True, **overrides
    ):
        """A draft; its participant's career conversation was held (the scheme asks for one
        before submitting) unless `conversation_held=False`."""
        participant = participant or self.participant()
        if conversation_held and not has_held_conversation(participant):
            held_conversation(participant, self.advisor)
        return create_draft(
            participant=participant,
            author=self.advisor,
            scheme=self.scheme,
            funding_period=self.period,
            target_occupation=occupation or self.nurse,
            courses=courses or [self.course],
            justification="Wil de zorg in.",
            **overrides,
        )


@pytest.fixture
def fund(db):
    return FundWorld()
