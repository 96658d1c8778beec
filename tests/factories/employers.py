"""Employers of the network, registered through the real services."""

import factory

from vakmanschap.accounts.roles import Role
from vakmanschap.network.models import SbiSection, SizeClass
from vakmanschap.network.services import accept_invitation, register_employer, sign_pledge
from vakmanschap.organisations.models import Organisation

from .base import MunicipalityFactory, UserFactory, user_with_role


class EmployerFactory(factory.Factory):
    """An employer registered by a fund officer (organisation, profile, the first staff
    member's invitation). Traits: with_staff (the invitation accepted: `employer.staff` is
    that user), member (also signed the iKBiNDR pledge, listed publicly)."""

    class Meta:
        model = Organisation

    class Params:
        with_staff = factory.Trait(staff=True)
        member = factory.Trait(staff=True, pledge=True)

    name = factory.Sequence(lambda n: f"Werkgever {n} BV")
    kvk_number = factory.Sequence(lambda n: f"{60_000_000 + n:08d}")
    municipality = factory.SubFactory(MunicipalityFactory)
    sector = SbiSection.Q
    size_class = SizeClass.SMALL
    first_staff_email = factory.Sequence(lambda n: f"hr{n}@werkgever.example")
    staff = False
    pledge = False

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("An employer is made through the services: use create().")

    @classmethod
    def _create(cls, model_class, *, staff, pledge, **fields):
        tokens = []
        employer, _invitation = register_employer(
            **fields,
            registered_by=user_with_role(Role.FUND_OFFICER),
            link_for=lambda token: tokens.append(token) or f"https://test/{token}",
        )
        employer.staff = None
        if staff:
            employer.staff = UserFactory(email=fields["first_staff_email"])
            accept_invitation(tokens[0], employer.staff)
        if pledge:
            sign_pledge(
                employer,
                commitments={"development_conversation": True, "learning_budget": True},
                public_listing=True,
                signed_by=employer.staff,
            )
        return employer
