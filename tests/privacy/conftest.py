import pytest

from tests.factories import user_with_role
from tests.funding.conftest import FundWorld
from vakmanschap.accounts.roles import Role
from vakmanschap.people.models import Participant


@pytest.fixture
def fund(db):
    return FundWorld()


def with_login(participant, **user_fields) -> Participant:
    """Give a participant their own login (the participant role)."""
    user = user_with_role(Role.PARTICIPANT, **user_fields)
    Participant.objects.filter(pk=participant.pk).update(user=user)
    participant.refresh_from_db()
    return participant
