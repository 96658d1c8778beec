"""Fixtures for the skills app: the tiny ESCO of tests/esco (welder, underwater welder,
software developer), an engine cache in tmp_path, a course teaching the welder's gap."""

import datetime

import pytest

from tests.esco import conftest as esco_fixtures
from tests.esco import escodata
from tests.factories import CourseFactory, MunicipalityFactory
from vakmanschap.people.services import register
from vakmanschap.skills import loader
from vakmanschap.skills.models import CourseSkill, PersonOccupation

# The ESCO fixtures of tests/esco, shared here.
esco_dir, esco_db = esco_fixtures.esco_dir, esco_fixtures.esco_db
esco_concepts, shortage_list = esco_fixtures.esco_concepts, esco_fixtures.shortage_list


@pytest.fixture(autouse=True)
def _engine_cache_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    loader.reset()
    yield
    loader.reset()


@pytest.fixture
def welding_course(esco_concepts):
    """A confirmed course teaching 'use welding equipment' (the underwater welder's gap)."""
    course = CourseFactory(
        title="Lastechniek MIG/MAG",
        level=2,
        price_cents=120_000,
        duration_months=3,
        description="Leer lasapparatuur veilig gebruiken.",
    )
    CourseSkill.objects.create(course=course, skill=esco_concepts["equipment"], confirmed=True)
    return course


@pytest.fixture
def underwater_person(esco_concepts, shortage_list, welding_course):
    """A participant who was an underwater welder for 4 years; the welder is a shortage
    occupation they can reach by learning to use welding equipment."""
    participant = make_participant()
    PersonOccupation.objects.create(
        participant=participant, occupation=esco_concepts["underwater"], years=4
    )
    return participant


def make_participant(**overrides):
    fields = dict(
        given_name="Sanne",
        family_name="de Vries",
        birth_date=datetime.date(1990, 5, 17),
        postcode="7511AB",
        municipality=MunicipalityFactory(),
        email="sanne@example.org",
        education_level="mbo2",
        work_situation="part_time_wants_more",
        current_job="onderwaterlasser",
        consent_purpose="test",
        privacy_version="1",
    )
    fields.update(overrides)
    return register(by=None, **fields)


WELDER, UNDERWATER, EQUIPMENT, WELD = (
    escodata.WELDER,
    escodata.UNDERWATER,
    escodata.EQUIPMENT,
    escodata.WELD,
)
