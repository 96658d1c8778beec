import pytest

from tests.funding.conftest import FundWorld


@pytest.fixture
def fund(db):
    return FundWorld()
